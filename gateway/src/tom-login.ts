import { INTERNAL_HEADER, signInternal, type Principal } from '@opshub/auth';
import { ErrorCode } from '@opshub/errors';

/** What the ops subgraph answered to a sign-in. */
export type LoginOutcome =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; code: string; message: string; retryAfterSeconds?: number };

interface GraphQLReply<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
}

export interface OpsCaller {
  /** The ops subgraph's `/graphql` URL. */
  url: string;
  secret: string;
}

async function call<T>(
  ops: OpsCaller,
  query: string,
  variables: Record<string, unknown>,
  claims: { requestId: string; clientAddress?: string; user?: Principal },
): Promise<GraphQLReply<T>> {
  const response = await fetch(ops.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [INTERNAL_HEADER]: signInternal(ops.secret, 'ops', claims),
      'x-request-id': claims.requestId,
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  return (await response.json()) as GraphQLReply<T>;
}

/**
 * The hub's `login` mutation on ops, as the gateway's own path runs it: the caller's address in the
 * signature, so ops' sign-in limits (per address and per username) apply to the TOM's form too.
 */
export async function loginThroughOps(
  ops: OpsCaller,
  username: string,
  password: string,
  claims: { requestId: string; clientAddress?: string },
): Promise<LoginOutcome> {
  const reply = await call<{ login: { token: string; expiresAt: string } }>(
    ops,
    'mutation TomLogin($username: String!, $password: String!) { login(username: $username, password: $password) { token expiresAt } }',
    { username, password },
    claims,
  );
  if (reply.data?.login) {
    return { ok: true, token: reply.data.login.token, expiresAt: new Date(reply.data.login.expiresAt) };
  }
  const error = reply.errors?.[0];
  return {
    ok: false,
    code: error?.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR,
    message: error?.message ?? 'Sign-in failed',
    ...(error?.extensions?.retryAfterSeconds !== undefined
      ? { retryAfterSeconds: error.extensions.retryAfterSeconds }
      : {}),
  };
}

/** Revokes the session token (ops `logout`), as its owner. */
export async function logoutThroughOps(
  ops: OpsCaller,
  token: string,
  claims: { requestId: string; clientAddress?: string; user: Principal },
): Promise<boolean> {
  const reply = await call<{ logout: boolean }>(
    ops,
    'mutation TomLogout($token: String!) { logout(token: $token) }',
    { token },
    claims,
  );
  return reply.data?.logout === true;
}
