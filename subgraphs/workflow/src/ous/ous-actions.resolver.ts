import type { SubgraphContext } from '@opshub/subgraph-kit';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import type { OusNode, OusService } from './ous.service.js';
import { ObsUnitSet } from './ous.type.js';
import { OusAvailableAction } from './ous-action.type.js';
import { OUS_ACTIONS, OusAction, type OusActionView } from './ous-available-actions.js';
import { Executive } from './ous-state.js';

const roleOf = (action: OusAction) => OUS_ACTIONS[action].role;

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

  @FieldResolver(() => [OusAvailableAction], {
    description:
      'Every human action for the caller: allowed now, or why not (state, guard or role). The page offers exactly the allowed ones.',
  })
  availableActions(@Root() ous: OusNode, @Ctx() ctx: SubgraphContext): Promise<OusActionView[]> {
    return this.ous.availableActions(ous, ctx.user);
  }

  @Authorized(roleOf(OusAction.ASSIGN_EXECUTIVE))
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

  @Authorized(roleOf(OusAction.START_REVIEW))
  @Mutation(() => ObsUnitSet, { description: 'A QA2 reviewer picks the OUS up.' })
  startReview(@Arg('ousId', () => ID) ousId: string, @Ctx() ctx: SubgraphContext): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'startReview' }, ctx.user!);
  }

  @Authorized(roleOf(OusAction.CANCEL_REVIEW))
  @Mutation(() => ObsUnitSet, { description: 'Gives the OUS back to the review queue.' })
  cancelReview(@Arg('ousId', () => ID) ousId: string, @Ctx() ctx: SubgraphContext): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'cancelReview' }, ctx.user!);
  }

  @Authorized(roleOf(OusAction.SUBMIT_QA2))
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

  @Authorized(roleOf(OusAction.REQUEUE))
  @Mutation(() => ObsUnitSet, { description: 'Relaunches processing after a ProcessingProblem.' })
  requeue(@Arg('ousId', () => ID) ousId: string, @Ctx() ctx: SubgraphContext): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'requeue' }, ctx.user!);
  }

  @Authorized(roleOf(OusAction.REPORT_QA3_ISSUE))
  @Mutation(() => ObsUnitSet, { description: 'The PI reported an issue with delivered data.' })
  reportQa3Issue(
    @Arg('ousId', () => ID) ousId: string,
    @Arg('note') note: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'reportQa3Issue' }, ctx.user!, note);
  }

  @Authorized(roleOf(OusAction.RESOLVE_QA3))
  @Mutation(() => ObsUnitSet, { description: 'QA3 found no issue: back to Delivered.' })
  resolveQa3(
    @Arg('ousId', () => ID) ousId: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'resolveQa3' }, ctx.user!, note);
  }

  @Authorized(roleOf(OusAction.RESET))
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
