import { LoginDocument } from './documents.js';
import type { LoginMutation } from './gql/graphql.js';
import { createHubClient } from './hub-client.js';

export type Session = LoginMutation['login'];

/** Signs in with a password and returns the session; pass `session.token` to `createHubClient`. */
export async function login(url: string, username: string, password: string): Promise<Session> {
  const { login: session } = await createHubClient({ url }).mutate(LoginDocument, { username, password });
  return session;
}
