import type { SubgraphContext } from '@opshub/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Mutation, registerEnumType, Resolver } from 'type-graphql';
import type { OusNode, OusService } from './ous.service.js';
import { ObsUnitSet } from './ous.type.js';
import { Executive } from './ous-state.js';

export enum Qa2Score {
  PASS = 'PASS',
  SEMIPASS = 'SEMIPASS',
  FAIL = 'FAIL',
}
registerEnumType(Qa2Score, {
  name: 'Qa2Score',
  description: 'The QA2 verdict: Pass and SemiPass verify, Fail sends it back.',
});

/** The human moves of the lifecycle (DRA, AQUA/QA2, QA3); each goes through the state machine. */
@Resolver(() => ObsUnitSet)
export class OusActionsResolver {
  constructor(private readonly ous: OusService) {}

  @Authorized('OPERATOR')
  @Mutation(() => ObsUnitSet, {
    description: "Data reducer assignment: starts processing at an executive's ARC.",
  })
  assignExecutive(
    @Arg('ousId', () => ID) ousId: string,
    @Arg('executive', () => Executive) executive: Executive,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'assignExecutive', executive }, ctx.user!);
  }

  @Authorized('OPERATOR')
  @Mutation(() => ObsUnitSet, { description: 'A QA2 reviewer picks the OUS up.' })
  startReview(@Arg('ousId', () => ID) ousId: string, @Ctx() ctx: SubgraphContext): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'startReview' }, ctx.user!);
  }

  @Authorized('OPERATOR')
  @Mutation(() => ObsUnitSet, { description: 'Gives the OUS back to the review queue.' })
  cancelReview(@Arg('ousId', () => ID) ousId: string, @Ctx() ctx: SubgraphContext): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'cancelReview' }, ctx.user!);
  }

  @Authorized('OPERATOR')
  @Mutation(() => ObsUnitSet, {
    description: 'The QA2 verdict; a Fail sends the OUS back for processing with the comment kept.',
  })
  submitQa2(
    @Arg('ousId', () => ID) ousId: string,
    @Arg('score', () => Qa2Score) score: Qa2Score,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OusNode> {
    return this.ous.apply(
      ousId,
      { kind: 'qa2', score },
      ctx.user!,
      comment ? `QA2 ${score}: ${comment}` : `QA2 ${score}`,
    );
  }

  @Authorized('OPERATOR')
  @Mutation(() => ObsUnitSet, { description: 'Relaunches processing after a ProcessingProblem.' })
  requeue(@Arg('ousId', () => ID) ousId: string, @Ctx() ctx: SubgraphContext): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'requeue' }, ctx.user!);
  }

  @Authorized('OPERATOR')
  @Mutation(() => ObsUnitSet, { description: 'The PI reported an issue with delivered data.' })
  reportQa3Issue(
    @Arg('ousId', () => ID) ousId: string,
    @Arg('note') note: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'reportQa3Issue' }, ctx.user!, note);
  }

  @Authorized('OPERATOR')
  @Mutation(() => ObsUnitSet, { description: 'QA3 found no issue: back to Delivered.' })
  resolveQa3(
    @Arg('ousId', () => ID) ousId: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'resolveQa3' }, ctx.user!, note);
  }

  @Authorized('ADMIN')
  @Mutation(() => ObsUnitSet, {
    description:
      "The launcher's reset: back to ReadyForProcessing with recipe and executive cleared (not while a pipeline runs or products are ingested).",
  })
  resetObsUnitSet(
    @Arg('ousId', () => ID) ousId: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'reset' }, ctx.user!, reason ? `reset: ${reason}` : 'reset');
  }
}
