/** A broker's session with the hub: signs in through the gateway's `login` mutation when asked for a token. */
export interface HubSession {
  /** The current session token, signing in first when there is none. Rejects while the hub cannot sign in. */
  token(): Promise<string>;
  /** Forgets the token (the hub answered 401): the next `token()` signs in again. */
  invalidate(): void;
}

const LOGIN =
  'mutation BrokerLogin($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

/** Signs `username` in at `<hubUrl>/graphql` (a user holding the BROKER role), once per token needed. */
export function hubSession(hubUrl: string, username: string, password: string): HubSession {
  const endpoint = new URL('graphql', hubUrl.endsWith('/') ? hubUrl : `${hubUrl}/`);
  let current: Promise<string> | null = null;
  const login = async (): Promise<string> => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      data?: { login?: { token?: string } } | null;
      errors?: { message: string }[];
    };
    const token = body.data?.login?.token;
    if (!token) {
      const reason = body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;
      throw new Error(`the hub refused the broker login of ${username}: ${reason}`);
    }
    return token;
  };
  return {
    token: () => {
      current ??= login().catch((error: unknown) => {
        current = null;
        throw error;
      });
      return current;
    },
    invalidate: () => {
      current = null;
    },
  };
}
