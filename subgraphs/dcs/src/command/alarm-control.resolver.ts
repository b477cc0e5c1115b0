import type { SubgraphContext } from '@opshub/subgraph-kit';
import { Ctx, FieldResolver, Resolver } from 'type-graphql';
import { Alarm } from '../alarm/alarm.type.js';
import { DeviceControl } from './device-control.type.js';
import { alarmControls, type ControlView } from './device-controls.js';

@Resolver(() => Alarm)
export class AlarmControlResolver {
  @FieldResolver(() => [DeviceControl], {
    description: 'What the caller may do with this alarm now (acknowledge it), or why not.',
  })
  controls(@Ctx() ctx: SubgraphContext): ControlView[] {
    return alarmControls(ctx.user);
  }
}
