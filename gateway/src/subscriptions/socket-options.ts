/**
 * Close codes the gateway's WebSocket uses besides graphql-ws's own (4400 bad message, 4408 no
 * `connection_init` within 3 s, 4409 duplicate id, 4429 second `connection_init`, 4500). Written
 * down in gateway/README.md; clients treat 4401/4403 as "sign in again" and retry the others.
 */
export const SocketCloseCode = {
  /** Set by ws: a frame larger than `maxPayload`. */
  MessageTooBig: 1009,
  /** The client does not read fast enough: its outbound buffer hit the bound. Reconnect and resume. */
  TryAgainLater: 1013,
  /** Gateway shutting down. */
  GoingAway: 1001,
  /** No, unknown, revoked or expired token (also: anonymous `connection_init`). */
  Unauthorized: 4401,
  /** The user's roles changed (or the user changed behind the token): sign in again. */
  RolesChanged: 4403,
} as const;

/** Redis pub/sub where ops publishes revocations (`revocationChannel(prefix)` of @opshub/auth). */
export interface RevocationSource {
  redisUrl: string;
  redisPrefix: string;
}

/** Limits and policies of the gateway's WebSocket endpoint; every field has a default. */
export interface SocketOptions {
  /** Largest frame a client may send (bytes); larger closes the socket with 1009. */
  maxPayload?: number;
  /** Subscriptions one socket may hold at once; the next is refused with RATE_LIMITED. */
  maxSubscriptions?: number;
  /** Results completed but not yet taken by the client, summed over a socket; above → close 1013. */
  maxQueuedResults?: number;
  /** `socket.bufferedAmount` above which the client is too slow → close 1013. */
  maxBufferedBytes?: number;
  /** Upstream events still being completed (entity fetches) above which the upstream socket is paused. */
  upstreamHighWater?: number;
  /** Browser origins allowed besides the gateway's own; undefined = localhost dev origins. */
  allowedOrigins?: readonly string[];
  /** ws ping interval; a socket that has not answered the previous ping is terminated. */
  heartbeatMs?: number;
  /** How often every socket's token is checked again (≤ the auth cache TTL). */
  reauthMs?: number;
  /** Where revocations arrive; without it only the periodic re-check applies. */
  revocations?: RevocationSource;
}

export type ResolvedSocketOptions = Required<Omit<SocketOptions, 'allowedOrigins' | 'revocations'>> &
  Pick<SocketOptions, 'allowedOrigins' | 'revocations'>;

export function resolveSocketOptions(options: SocketOptions = {}): ResolvedSocketOptions {
  return {
    maxPayload: 64 * 1024,
    maxSubscriptions: 50,
    maxQueuedResults: 256,
    maxBufferedBytes: 4 * 1024 * 1024,
    upstreamHighWater: 128,
    heartbeatMs: 30_000,
    reauthMs: 10_000,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
}
