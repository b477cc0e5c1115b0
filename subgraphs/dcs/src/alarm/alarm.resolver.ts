import { requireRole, type SubgraphContext } from '@opshub/subgraph-kit';
import { Arg, Authorized, Query, Resolver, Root, Subscription } from 'type-graphql';
import { servicesOf } from '../schema-services.js';
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

  @Subscription(() => Alarm, {
    description: 'Every alarm as it is raised.',
    subscribe: async ({ context, info }) => {
      requireRole(context as SubgraphContext, 'VIEWER');
      return servicesOf(info.schema).alarms.subscribe();
    },
  })
  alarmRaised(@Root() alarm: Alarm): Alarm {
    return alarm;
  }
}
