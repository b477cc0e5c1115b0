/** One error as the hub sends it (the GraphQL response's `errors[]` entry). */
export interface HubErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/**
 * Codes the client itself uses when there is no GraphQL error to read: the request never reached
 * the hub, or the reply was not a GraphQL response. Server codes come from the hub's registry
 * (`UNAUTHENTICATED`, `FORBIDDEN`, `INVALID_TRANSITION`, … — see docs/api).
 */
export const ClientErrorCode = {
  NETWORK_ERROR: 'NETWORK_ERROR',
  BAD_RESPONSE: 'BAD_RESPONSE',
} as const;

/**
 * Server codes that end a subscription for a passing reason (a subgraph restarted, Redis was down):
 * the client subscribes again, resuming with `after` when the operation declares `$after`.
 * RESUME_TOO_OLD is not among them: the script must refetch the current state.
 */
export const RETRYABLE_SUBSCRIPTION_CODES: readonly string[] = [
  'UPSTREAM_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
];

/**
 * A failed hub call. `code` is the first error's `extensions.code`, so a script can branch on it
 * (`if (e.code === 'FORBIDDEN')`); `errors` keeps every error the hub returned.
 */
export class HubError extends Error {
  override readonly name = 'HubError';
  readonly code: string;
  readonly errors: readonly HubErrorEntry[];
  readonly status: number | undefined;

  constructor(code: string, message: string, errors: readonly HubErrorEntry[] = [], status?: number) {
    super(code === message ? message : `${code}: ${message}`);
    this.code = code;
    this.errors = errors;
    this.status = status;
  }

  get extensions(): Record<string, unknown> {
    return this.errors[0]?.extensions ?? { code: this.code };
  }

  /**
   * On RATE_LIMITED: seconds to wait before trying again (`extensions.retryAfterSeconds`).
   * Queries and mutations are never retried by the client; the script decides.
   */
  get retryAfterSeconds(): number | undefined {
    const found = this.errors.find((e) => typeof e.extensions?.['retryAfterSeconds'] === 'number');
    return found?.extensions?.['retryAfterSeconds'] as number | undefined;
  }

  /** Whether a subscription that ended with this error is subscribed again (see RETRYABLE_SUBSCRIPTION_CODES). */
  get retryable(): boolean {
    return RETRYABLE_SUBSCRIPTION_CODES.includes(this.code);
  }
}

function isEntry(value: unknown): value is HubErrorEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** The `errors` array of a GraphQL response, or undefined when the body carries none. */
export function graphqlErrorsOf(body: unknown): HubErrorEntry[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors.map((e) => (isEntry(e) ? e : { message: String(e) }));
}

/** Builds the HubError for a list of GraphQL errors; an error without a code counts as internal. */
export function hubErrorFrom(errors: readonly HubErrorEntry[], status?: number): HubError {
  const first = errors[0];
  const code = first?.extensions?.['code'];
  const message = errors.map((e) => e.message).join('; ') || 'Unknown error';
  return new HubError(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR', message, errors, status);
}

/**
 * Reads a GraphQL-over-HTTP reply. GraphQL errors win over the HTTP status: the gateway answers
 * 400/401 with a GraphQL body whose `extensions.code` says more than the status does.
 */
export function resultFromHttp<T>(status: number, bodyText: string): T {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw new HubError(
      ClientErrorCode.BAD_RESPONSE,
      `HTTP ${status}: ${bodyText.slice(0, 200) || 'empty body'}`,
      [],
      status,
    );
  }
  const errors = graphqlErrorsOf(body);
  if (errors) throw hubErrorFrom(errors, status);
  const data = (body as { data?: unknown } | null)?.data;
  if (status >= 400 || data === undefined || data === null) {
    throw new HubError(ClientErrorCode.BAD_RESPONSE, `HTTP ${status} without data`, [], status);
  }
  return data as T;
}

/** Errors that graphql-ws hands to a subscriber: a list of GraphQL errors, a CloseEvent or an Error. */
export function hubErrorFromSocket(error: unknown): HubError {
  if (error instanceof HubError) return error;
  if (Array.isArray(error)) return hubErrorFrom(error.map((e) => (isEntry(e) ? e : { message: String(e) })));
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') {
    const reason = 'reason' in error && typeof error.reason === 'string' ? error.reason : '';
    // graphql-ws closes with 4403 when connection_init is refused (a missing or revoked token).
    const code =
      error.code === 4403 || error.code === 4401 ? 'UNAUTHENTICATED' : ClientErrorCode.NETWORK_ERROR;
    return new HubError(code, `WebSocket closed (${error.code}${reason ? `: ${reason}` : ''})`);
  }
  if (error instanceof Error) return new HubError(ClientErrorCode.NETWORK_ERROR, error.message);
  // A socket's error event (the hub refused the TCP connection, DNS failed): its message says why.
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string')
    return new HubError(ClientErrorCode.NETWORK_ERROR, error.message || 'WebSocket error');
  return new HubError(ClientErrorCode.NETWORK_ERROR, String(error));
}
