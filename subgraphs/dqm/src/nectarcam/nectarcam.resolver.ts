import { PageArgs, subscribeOn, type ConnectionShape, type SubgraphContext } from '@opshub/subgraph-kit';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { DqmRun } from '../dqm-run/dqm-run.type.js';
import { hubActor } from '../hub-audit.js';
import { CameraGeometry } from './camera-geometry.type.js';
import { DqmQuarantined, DqmQuarantinedConnection, NectarcamSource } from './nectarcam-source.type.js';
import type { NectarcamService } from './nectarcam.service.js';
import { DqmQuantity, DqmQuantityInfo, Gain } from './quantity.type.js';

@Resolver(() => DqmRun)
export class NectarcamResolver {
  constructor(private readonly service: NectarcamService) {}

  @FieldResolver(() => [DqmQuantityInfo], { description: "The run's quantities, without values." })
  quantityKeys(@Root() run: DqmRun): Promise<DqmQuantityInfo[]> {
    return this.service.quantityInfos(run);
  }

  @FieldResolver(() => [DqmQuantity], {
    description: 'Quantities with their values (keys without the gain suffix, matched case-insensitively).',
  })
  quantities(
    @Root() run: DqmRun,
    @Arg('keys', () => [String], { nullable: true, description: 'Only these keys; all when omitted.' })
    keys: string[] | null,
    @Arg('gain', () => Gain, { nullable: true, description: 'Only this gain; every gain when omitted.' })
    gain: Gain | null,
  ): Promise<DqmQuantity[]> {
    return this.service.quantities(run, keys, gain);
  }

  @FieldResolver(() => DqmQuantity, {
    nullable: true,
    description: 'One quantity (an array, or one column of a dict with field); null when the run has none.',
  })
  async quantity(
    @Root() run: DqmRun,
    @Arg('key') key: string,
    @Arg('gain', () => Gain, { nullable: true }) gain: Gain | null,
    @Arg('field', () => String, { nullable: true }) field: string | null,
  ): Promise<DqmQuantity | null> {
    const rows = await this.service.quantities(run, [key], gain);
    return rows.find((q) => q.gain === (gain ?? null) && q.field === (field ?? null)) ?? null;
  }

  @Authorized()
  @Query(() => CameraGeometry, { description: "A camera's pixels (NectarCAM cameras: NectarCam-003)." })
  cameraGeometry(@Arg('camera') camera: string): Promise<CameraGeometry> {
    return this.service.cameraGeometry(camera);
  }

  @Authorized('ADMIN')
  @Query(() => [NectarcamSource], {
    description: 'The registered results directories (their URLs name hosts).',
  })
  nectarcamSources(): Promise<NectarcamSource[]> {
    return this.service.sources();
  }

  @Authorized('ADMIN')
  @Mutation(() => NectarcamSource, {
    description: 'Registers an HTTP directory of results (idempotent by URL).',
  })
  addNectarcamSource(@Arg('url') url: string, @Ctx() ctx: SubgraphContext): Promise<NectarcamSource> {
    return this.service.addSource(url, hubActor(ctx));
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: 'False when unknown. Its runs stay.' })
  removeNectarcamSource(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.service.removeSource(id, hubActor(ctx));
  }

  @Authorized('ADMIN')
  @Query(() => DqmQuarantinedConnection, { description: 'Refused files, newest first.' })
  dqmQuarantine(@Args() args: PageArgs): Promise<ConnectionShape<DqmQuarantined>> {
    return this.service.quarantine(args);
  }

  @Authorized()
  @Subscription(() => DqmRun, {
    description: 'Each NectarCAM run as it is stored (first pull, or its changed file replaced it).',
    subscribe: subscribeOn(
      () => NectarcamResolver,
      (resolver) => resolver.service.subscribe(),
    ),
  })
  dqmRunIngested(@Root() run: DqmRun): DqmRun {
    return run;
  }
}
