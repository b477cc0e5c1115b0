import type { Client } from '@urql/core';
import type { ResultOf } from '@graphql-typed-document-node/core';
// The same documents as the typed client's (one copy, generated once, in packages/client).
import { LoginDocument, LogoutDocument, MeDocument } from '@opshub/client/documents';
import { describeError, type ShownError } from './errors';
import { clearExplorerStorage } from './explorer-storage';

const TOKEN_KEY = 'opshub.token';

export type SessionUser = NonNullable<ResultOf<typeof MeDocument>['me']>;

/** `checking`: a stored token is being verified with `me`; `unreachable`: the hub did not answer. */
export type SessionStatus = 'checking' | 'signed-out' | 'signed-in' | 'unreachable';

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage disabled (private mode): the session lasts as long as the tab
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // see readToken
  }
}

/** The signed-in user and their token; the token survives reloads in localStorage. */
class Session {
  token = $state<string | null>(readToken());
  user = $state<SessionUser | null>(null);
  status = $state<SessionStatus>(readToken() ? 'checking' : 'signed-out');
  /** Why the user is looking at the login page again (expired session), shown above the form. */
  notice = $state<string | null>(null);
  /** Set when `unreachable`: what went wrong while checking the stored token. */
  problem = $state<ShownError | null>(null);

  /** Checks a stored token with `me`; a token the hub no longer knows signs the user out. */
  async restore(client: Client): Promise<void> {
    if (!this.token) {
      this.status = 'signed-out';
      return;
    }
    this.status = 'checking';
    const result = await client.query(MeDocument, {}, { requestPolicy: 'network-only', authRedirect: false });
    if (result.data?.me) {
      this.user = result.data.me;
      this.status = 'signed-in';
      this.problem = null;
    } else if (result.error && !result.error.graphQLErrors.length) {
      // Network trouble says nothing about the token: keep it and let the user retry.
      this.problem = describeError(result.error);
      this.status = 'unreachable';
    } else {
      this.expire('Your session has ended: sign in again.');
    }
  }

  /** Returns the error to show in the form, or null once signed in. */
  async login(client: Client, username: string, password: string): Promise<ShownError | null> {
    const result = await client.mutation(LoginDocument, { username, password }, { authRedirect: false });
    if (!result.data?.login) {
      return result.error
        ? describeError(result.error)
        : { code: 'BAD_RESPONSE', message: 'No session returned' };
    }
    writeToken(result.data.login.token);
    this.token = result.data.login.token;
    this.user = result.data.login.user;
    this.notice = null;
    this.status = 'signed-in';
    return null;
  }

  /** Revokes the token at the hub (best effort: a dead hub must not keep anyone signed in). */
  async logout(client: Client): Promise<void> {
    const token = this.token;
    if (token) await client.mutation(LogoutDocument, { token }, { authRedirect: false });
    if (this.user) clearExplorerStorage(this.user.id, () => localStorage);
    this.clear(null);
  }

  expire(message: string): void {
    if (this.status === 'signed-out') return;
    this.clear(message);
  }

  private clear(notice: string | null): void {
    writeToken(null);
    this.token = null;
    this.user = null;
    this.problem = null;
    this.notice = notice;
    this.status = 'signed-out';
  }
}

export const session = new Session();
