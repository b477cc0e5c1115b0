import { loaderFor, subscribeOn, type ConnectionShape, type SubgraphContext } from '@opshub/subgraph-kit';
import { ousTransitionEventOf, type OusStateChangedEvent } from '../events.js';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { OusTransition } from '../transition/transition.type.js';
import { CreateObsUnitSetArgs, ObsUnitSetsArgs, OusStateChangedArgs } from './ous.input.js';
import type { OusNode, OusService } from './ous.service.js';
import { ObsUnitSet, ObsUnitSetConnection, OusTransitionEvent } from './ous.type.js';

type EventWithId = OusStateChangedEvent & { eventId: string };

@Resolver(() => ObsUnitSet)
export class OusResolver {
  constructor(private readonly ous: OusService) {}

  @Authorized()
  @Query(() => ObsUnitSet, { nullable: true })
  obsUnitSet(@Arg('id', () => ID) id: string): Promise<OusNode | null> {
    return this.ous.byId(id);
  }

  @Authorized()
  @Query(() => ObsUnitSetConnection, { description: 'Most recently changed first.' })
  obsUnitSets(@Args() args: ObsUnitSetsArgs): Promise<ConnectionShape<OusNode>> {
    return this.ous.page(args);
  }

  @FieldResolver(() => [OusTransition])
  history(
    @Root() ous: OusNode,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OusTransition[]> {
    return loaderFor(ctx, info, 'ous-history', (ids: string[]) => this.ous.historyOf(ids))
      .load(ous.id)
      .then((h) => h ?? []);
  }

  @Authorized('ADMIN')
  @Mutation(() => ObsUnitSet, { description: 'The launcher: creates an OUS, ReadyForProcessing.' })
  createObsUnitSet(
    @Args() { programId, id }: CreateObsUnitSetArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OusNode> {
    return this.ous.create(programId, id, ctx.user!);
  }

  @Authorized('VIEWER')
  @Subscription(() => OusTransitionEvent, {
    description:
      'Every committed OUS transition (or those the arguments select), within milliseconds of its commit.',
    subscribe: subscribeOn(
      () => OusResolver,
      (resolver, a: OusStateChangedArgs) =>
        resolver.ous.subscribe({
          ...(a.ousId ? { ousId: a.ousId } : {}),
          ...(a.programId ? { programId: a.programId } : {}),
          ...(a.state ? { state: a.state } : {}),
          ...(a.after ? { after: a.after } : {}),
        }),
    ),
  })
  ousStateChanged(@Root() event: EventWithId, @Args() _args: OusStateChangedArgs): OusTransitionEvent {
    return ousTransitionEventOf(event);
  }
}
