/** Every `extensions.code` a client of opshub can receive. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  INTERLOCKED: 'INTERLOCKED',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** A query refused before execution (depth, aliases, tokens). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The GraphQL document failed to parse or validate. */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** Too many attempts (logins, replays) from one caller; `extensions.retryAfterSeconds` says when to try again. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A service the request needs (Redis, the job queue) is down; retry later. Nothing was half-done. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** A subgraph did not answer in time, or its connection dropped; the rest of the data is still returned. Retryable. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** A device command was not carried out before its deadline; it will not be sent later. */
  COMMAND_EXPIRED: 'COMMAND_EXPIRED',
  /** A resume point (`after`) older than what the server replays: refetch the current state, then subscribe. */
  RESUME_TOO_OLD: 'RESUME_TOO_OLD',
  /**
   * A statement that writes reached the read-only replica (DATABASE_REPLICA_URL): nothing was written. Reads
   * that call a function with side effects must run in a transaction, which always goes to the primary.
   */
  READ_ONLY_REPLICA: 'READ_ONLY_REPLICA',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes that describe the caller's request and are safe to show as they are. */
export const EXPECTED_CODES: ReadonlySet<string> = new Set(
  Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
);
