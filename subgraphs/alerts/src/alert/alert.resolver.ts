import { loaderFor, subscribeOn, type SubgraphContext } from '@opshub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Info,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { DiaObjectService } from '../dia-object/dia-object.service.js';
import { DiaObject } from '../dia-object/dia-object.type.js';
import type { DiaSourceService } from '../dia-source/dia-source.service.js';
import { DiaForcedSource, DiaSource } from '../dia-source/dia-source.type.js';
import { requireId, type AlertService } from './alert.service.js';
import { Alert, AlertIngestedArgs, IdArgs } from './alert.type.js';

@Resolver(() => Alert)
export class AlertResolver {
  constructor(
    private readonly alerts: AlertService,
    private readonly sources: DiaSourceService,
    private readonly objects: DiaObjectService,
  ) {}

  @Authorized()
  @Query(() => Alert, { nullable: true, description: 'One alert by alertId; null when unknown.' })
  alert(@Args() { id }: IdArgs): Promise<Alert | null> {
    return this.alerts.byId(id);
  }

  @Authorized()
  @Query(() => DiaSource, {
    name: 'diaSource',
    nullable: true,
    description: 'One detection by diaSourceId; null when unknown.',
  })
  async diaSourceById(@Args() { id }: IdArgs): Promise<DiaSource | null> {
    requireId(id, 'id');
    return (await this.sources.byIds([id])).get(id) ?? null;
  }

  @FieldResolver(() => DiaSource, { description: 'The detection that triggered the alert.' })
  diaSource(
    @Root() alert: Alert,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DiaSource> {
    return this.triggering(alert, ctx, info);
  }

  private async triggering(alert: Alert, ctx: SubgraphContext, info: GraphQLResolveInfo): Promise<DiaSource> {
    if (alert.source) return alert.source;
    const found = await loaderFor(ctx, info, 'dia-source', (ids: string[]) => this.sources.byIds(ids)).load(
      alert.diaSourceId,
    );
    if (!found) throw new Error(`alert ${alert.alertId}: diaSource ${alert.diaSourceId} missing`);
    return found;
  }

  @FieldResolver(() => DiaObject, { description: 'The object of the alert.' })
  async diaObject(
    @Root() alert: Alert,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DiaObject> {
    const found = await loaderFor(ctx, info, 'dia-object', (ids: string[]) => this.objects.byIds(ids)).load(
      alert.diaObjectId,
    );
    if (!found) throw new Error(`alert ${alert.alertId}: diaObject ${alert.diaObjectId} missing`);
    return found;
  }

  @FieldResolver(() => [DiaSource], { description: "The object's detections before this one, oldest first." })
  async prvDiaSources(
    @Root() alert: Alert,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DiaSource[]> {
    const src = await this.triggering(alert, ctx, info);
    return this.sources.sourcesBefore(alert.diaObjectId, src.midPointTai);
  }

  @FieldResolver(() => [DiaForcedSource], {
    description: "The object's forced photometry before this detection, oldest first.",
  })
  async prvDiaForcedSources(
    @Root() alert: Alert,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DiaForcedSource[]> {
    const src = await this.triggering(alert, ctx, info);
    return this.sources.forcedBefore(alert.diaObjectId, src.midPointTai);
  }

  @Authorized()
  @Subscription(() => Alert, {
    description:
      'Alerts as they are stored (once each), only those the filter keeps (checked on the server).',
    subscribe: subscribeOn(
      () => AlertResolver,
      (resolver, args: AlertIngestedArgs) => resolver.alerts.subscribe(args.filter ?? {}, args.after),
    ),
  })
  alertIngested(@Root() alert: Alert, @Args() _args: AlertIngestedArgs): Alert {
    return alert;
  }
}
