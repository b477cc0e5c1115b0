import { subscribeOn } from '@opshub/subgraph-kit';
import { Arg, Authorized, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import { resumePoint } from '../reading/reading.resolver.js';
import type { AlarmService } from './alarm.service.js';
import { Alarm } from './alarm.type.js';

@Resolver(() => Alarm)
export class AlarmResolver {
  constructor(private readonly service: AlarmService) {}

  @Authorized()
  @Query(() => [Alarm], {
    description: 'Newest first (at most 500). active: true = not cleared, false = cleared, omitted = all.',
  })
  alarms(@Arg('active', () => Boolean, { nullable: true }) active: boolean | null): Promise<Alarm[]> {
    return this.service.list(active);
  }

  @Authorized('VIEWER')
  @Subscription(() => Alarm, {
    description: 'Every alarm as it is raised (or those of one device).',
    subscribe: subscribeOn(
      () => AlarmResolver,
      (resolver, args: { deviceId?: string | null; after?: string | null }) =>
        resolver.service.subscribe({
          ...(args.deviceId ? { deviceId: args.deviceId } : {}),
          ...resumePoint(args.after),
        }),
    ),
  })
  alarmRaised(
    @Root() alarm: Alarm,
    @Arg('deviceId', () => ID, { nullable: true, description: "Only this device's alarms." })
    _deviceId: string | null,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Resume after this eventId: the alarms raised since are replayed first.',
    })
    _after: string | null,
  ): Alarm {
    return alarm;
  }
}
