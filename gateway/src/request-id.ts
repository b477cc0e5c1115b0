import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

const SANE = /^[A-Za-z0-9._:-]{8,128}$/;

export interface RequestIds {
  /** Minted here for every request: what logs, the audit trail, subgraphs and the client see. */
  requestId: string;
  /**
   * The caller's (or a proxy's) own `x-request-id`, when it is safe to log: kept beside ours in the
   * logs so the two can be matched, never used as the request id (a client could reuse another
   * request's id to muddle the audit trail).
   */
  clientRequestId?: string;
}

export function requestIdsFrom(incoming: string | undefined): RequestIds {
  const requestId = randomUUID();
  return incoming && SANE.test(incoming) ? { requestId, clientRequestId: incoming } : { requestId };
}
