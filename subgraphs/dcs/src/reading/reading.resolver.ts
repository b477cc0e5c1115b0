import { BadUserInputError } from '@opshub/errors';
import { isStreamId } from '@opshub/events';
import { loaderFor, subscribeOn, type SubgraphContext } from '@opshub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { DeviceService } from '../device/device.service.js';
import { Device } from '../device/device.type.js';
import type { ReadingFilter, ReadingService } from './reading.service.js';
import { Reading, SeriesPoint } from './reading.type.js';

@ArgsType()
class ReadingAddedArgs {
  @Field(() => ID, { nullable: true, description: 'Only this device.' })
  deviceId?: string;

  @Field(() => String, { nullable: true, description: 'Only this metric.' })
  metric?: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Resume after this eventId (a reading's batch): the batches published since are replayed first.",
  })
  after?: string;
}

/** A resume point as the subscriptions accept it: an eventId received earlier (a Redis stream id). */
export function resumePoint(after: string | null | undefined): { after?: string } {
  if (after === undefined || after === null) return {};
  if (!isStreamId(after))
    throw new BadUserInputError('after must be an eventId received earlier', { argument: 'after' });
  return { after };
}

@ArgsType()
class SeriesArgs {
  @Field({ description: 'e.g. `temperature`, `vMon`, `BME/dew`.' })
  metric: string;

  @Field({ description: 'Start, inclusive.' })
  from: Date;

  @Field({ description: 'End, exclusive.' })
  to: Date;

  @Field(() => Int, {
    nullable: true,
    description: 'Bucket width in seconds (default: ~500 buckets over the range).',
  })
  bucketSeconds?: number | null;
}

function readingFilter(a: ReadingAddedArgs): ReadingFilter {
  return {
    ...(a.deviceId ? { deviceId: a.deviceId } : {}),
    ...(a.metric ? { metric: a.metric } : {}),
    ...resumePoint(a.after),
  };
}

@Resolver(() => Device)
export class ReadingResolver {
  constructor(
    private readonly readings: ReadingService,
    private readonly devices: DeviceService,
  ) {}

  @FieldResolver(() => [Reading], { description: 'The newest value of each of its metrics.' })
  latest(
    @Root() device: Device,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Reading[]> {
    return loaderFor(ctx, info, 'dcs-latest', (ids: string[]) => this.readings.latestOf(ids))
      .load(device.id)
      .then((r) => r ?? []);
  }

  @FieldResolver(() => [SeriesPoint], {
    description: 'min/max/avg/count per time bucket, oldest first; empty buckets are left out.',
  })
  series(
    @Root() device: Device,
    @Args() { metric, from, to, bucketSeconds }: SeriesArgs,
  ): Promise<SeriesPoint[]> {
    return this.readings.series(device.id, metric, from, to, bucketSeconds);
  }

  @Authorized('VIEWER')
  @Subscription(() => Reading, {
    description: 'Readings as they are stored, optionally for one device and/or metric.',
    subscribe: subscribeOn(
      () => ReadingResolver,
      (resolver, args: ReadingAddedArgs) => resolver.readings.subscribe(readingFilter(args)),
    ),
  })
  readingAdded(@Root() reading: Reading, @Args() _args: ReadingAddedArgs): Reading {
    return reading;
  }

  @Authorized('VIEWER')
  @Subscription(() => [Reading], {
    description:
      'Readings as they are stored, one event per stored batch (never empty), optionally for one device and/or metric: for charts, which need not one event per value.',
    subscribe: subscribeOn(
      () => ReadingResolver,
      (resolver, args: ReadingAddedArgs) => resolver.readings.subscribeBatches(readingFilter(args)),
    ),
  })
  readingsAdded(@Root() readings: Reading[], @Args() _args: ReadingAddedArgs): Reading[] {
    return readings;
  }

  @Authorized('VIEWER')
  @Subscription(() => Device, {
    description: 'A device whose FSM state or online flag changed.',
    subscribe: subscribeOn(
      () => ReadingResolver,
      (resolver, args: { deviceId?: string | null; after?: string | null }) =>
        resolver.devices.subscribe(args.deviceId ?? undefined, resumePoint(args.after).after),
    ),
  })
  deviceStateChanged(
    @Root() device: Device,
    @Arg('deviceId', () => ID, { nullable: true, description: 'Only this device.' }) _deviceId: string | null,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Resume after this eventId: the changes published since are replayed first.',
    })
    _after: string | null,
  ): Device {
    return device;
  }
}
