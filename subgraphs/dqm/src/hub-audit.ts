import type { SubgraphContext } from '@opshub/subgraph-kit';

/** Who acted, for the hub's audit log (ops.audit_entry): the caller's user id and the request's id. */
export interface HubActor {
  actorId: string;
  requestId?: string | undefined;
}

/** The signed-in caller of a DQM admin action as the hub's audit log names them; none without a user. */
export function hubActor(ctx: Pick<SubgraphContext, 'user' | 'requestId'>): HubActor | undefined {
  return ctx.user ? { actorId: ctx.user.id, requestId: ctx.requestId } : undefined;
}
