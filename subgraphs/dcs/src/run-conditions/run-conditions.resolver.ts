import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, Directive, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import type { DeviceService } from '../device/device.service.js';
import { DeviceKind } from '../device/device-kind.js';
import { Device } from '../device/device.type.js';
import type { ReadingService } from '../reading/reading.service.js';
import { Reading, SeriesPoint } from '../reading/reading.type.js';
import { DqmRun, RunCondition } from './run-conditions.type.js';

/** What the test stand measured during a DQM run: its chiller and sensors unless asked otherwise. */
@Resolver(() => DqmRun)
export class RunConditionsResolver {
  constructor(private readonly readings: ReadingService) {}

  @Authorized('VIEWER')
  @Directive('@requires(fields: "startedAt endedAt")')
  @FieldResolver(() => [Reading], {
    description:
      'The DCS readings taken during the run (from its start to its end, or to now while it has none), oldest first; by default those of the chiller and the environment sensors. At most 100,000: conditionSummaries covers any run.',
  })
  conditions(
    @Root() run: DqmRun,
    @Arg('kinds', () => [DeviceKind], { nullable: true, description: 'Default: CHILLER and SENSOR.' })
    kinds?: DeviceKind[] | null,
    @Arg('metrics', () => [String], {
      nullable: true,
      description: 'Only these metrics, e.g. `temperature`.',
    })
    metrics?: string[] | null,
  ): Promise<Reading[]> {
    const [from, to] = runRange(run);
    return this.readings.readingsBetween(from, to, kinds ?? DEFAULT_KINDS, metrics ?? null);
  }

  @Authorized('VIEWER')
  @Directive('@requires(fields: "startedAt endedAt")')
  @FieldResolver(() => [RunCondition], {
    description:
      "The run's conditions summarised: one entry per device and metric with min/max/avg/count and a series over the run.",
  })
  conditionSummaries(
    @Root() run: DqmRun,
    @Arg('kinds', () => [DeviceKind], { nullable: true, description: 'Default: CHILLER and SENSOR.' })
    kinds?: DeviceKind[] | null,
  ): Promise<RunCondition[]> {
    const [from, to] = runRange(run);
    return this.readings.conditions(from, to, kinds ?? DEFAULT_KINDS);
  }
}

const DEFAULT_KINDS = [DeviceKind.CHILLER, DeviceKind.SENSOR];

/** The run's start and its end, or now while it has none (times arrive from dqm as ISO strings). */
function runRange(run: DqmRun): [Date, Date] {
  return [new Date(run.startedAt), run.endedAt ? new Date(run.endedAt) : new Date()];
}

@Resolver(() => RunCondition)
export class RunConditionResolver {
  constructor(
    private readonly readings: ReadingService,
    private readonly devices: DeviceService,
  ) {}

  @FieldResolver(() => Device)
  device(
    @Root() condition: RunCondition,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Device | null> {
    return loaderFor(ctx, info, 'device', (ids: string[]) => this.devices.byIds(ids)).load(
      condition.deviceId,
    );
  }

  @FieldResolver(() => [SeriesPoint], {
    description: 'min/max/avg/count per time bucket over the run, oldest first (default ~500 buckets).',
  })
  series(
    @Root() condition: RunCondition,
    @Arg('bucketSeconds', () => Int, { nullable: true }) bucketSeconds?: number | null,
  ): Promise<SeriesPoint[]> {
    return this.readings.series(
      condition.deviceId,
      condition.metric,
      condition.from,
      condition.to,
      bucketSeconds,
    );
  }
}

/** dcs resolves a DqmRun reference to the fields it was given (key and the required times). */
export function dqmRunReference() {
  return {
    DqmRun: {
      __resolveReference: (ref: DqmRun): DqmRun => ref,
    },
  };
}
