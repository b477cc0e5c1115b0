// H3 (ops side): disabling a user, revoking sessions, a password change, logout and token revoke end
// the credentials in the database AND announce it on the Redis revocation channel the gateways
// listen to; API tokens may expire. L4, L5, L12 and the UUID check of M4 ride along.
import { createHash } from 'node:crypto';
import type { Principal } from '@opshub/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/index.js';
import { waitFor } from '@opshub/testing';
import { principal, startAuthHarness, type AuthHarness } from './auth-harness.js';

let h: AuthHarness;
const PASSWORD = 'a long enough password';
/** The revocation contract's token hash: base64url SHA-256 of the bearer token. */
const contractHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

async function user(username: string, role: Role = Role.OPERATOR): Promise<Principal> {
  return principal(await h.services.users.create({ username, password: PASSWORD, roles: [role] }));
}

const signIn = async (username: string): Promise<string> =>
  (await h.services.sessions.login(username, PASSWORD, { clientAddress: `test-${username}` })).token;

const published = (userId: string, reason: string) =>
  waitFor(
    () => h.revocations.find((r) => r.userId === userId && r.reason === reason),
    `${reason} of ${userId}`,
    5_000,
  );

beforeAll(async () => {
  h = await startAuthHarness('ops-revocation');
});

afterAll(async () => {
  await h?.close();
});

describe('revocation (H3)', { timeout: 60_000 }, () => {
  it('disableUser: the user’s session and API token stop authenticating and a revocation is published; enableUser brings the token back', async () => {
    const dora = await user('dora');
    const session = await signIn('dora');
    const { token: apiToken } = await h.services.tokens.create('dora', 'script');
    expect(await h.services.sessions.authenticate(session)).toMatchObject({ username: 'dora' });

    const r = await h.exec<{ disableUser: { username: string; disabledAt: string | null } }>(
      h.admin,
      'mutation($id: ID!) { disableUser(id: $id) { username disabledAt } }',
      { id: dora.id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.disableUser.disabledAt).not.toBeNull();
    expect(await h.services.sessions.authenticate(session)).toBeNull();
    expect(await h.services.sessions.authenticate(apiToken)).toBeNull();
    await expect(h.services.sessions.login('dora', PASSWORD)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await published(dora.id, 'user-disabled')).toEqual({ userId: dora.id, reason: 'user-disabled' });
    expect(await h.db.auditEntry.count({ where: { kind: 'user.disable', target: 'dora' } })).toBe(1);

    const e = await h.exec(h.admin, 'mutation($id: ID!) { enableUser(id: $id) { disabledAt } }', {
      id: dora.id,
    });
    expect(e.data).toEqual({ enableUser: { disabledAt: null } });
    expect(await h.services.sessions.authenticate(apiToken)).toMatchObject({ username: 'dora' });
    expect(await h.services.sessions.authenticate(session)).toBeNull();
  });

  it('an admin cannot disable themself', async () => {
    const r = await h.exec(h.admin, 'mutation($id: ID!) { disableUser(id: $id) { id } }', { id: h.admin.id });
    expect(r.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('revokeSessions ends every session of the user, and says so on the channel', async () => {
    const sam = await user('sam');
    const [a, b] = [await signIn('sam'), await signIn('sam')];
    const other = await user('other');
    const otherSession = await signIn('other');
    const r = await h.exec(h.admin, 'mutation($id: ID!) { revokeSessions(userId: $id) }', { id: sam.id });
    expect(r).toEqual({ data: { revokeSessions: 2 } });
    expect(await h.services.sessions.authenticate(a)).toBeNull();
    expect(await h.services.sessions.authenticate(b)).toBeNull();
    expect(await h.services.sessions.authenticate(otherSession)).toMatchObject({ id: other.id });
    await published(sam.id, 'sessions-revoked');
  });

  it('a password change ends the user’s other sessions (their own stays); an admin reset ends all', async () => {
    const pia = await user('pia');
    const [mine, laptop, phone] = [await signIn('pia'), await signIn('pia'), await signIn('pia')];
    const keep = createHash('sha256').update(mine).digest('hex');
    await h.services.users.setPassword('pia', 'another long password', pia, keep);
    expect(await h.services.sessions.authenticate(mine)).toMatchObject({ username: 'pia' });
    expect(await h.services.sessions.authenticate(laptop)).toBeNull();
    expect(await h.services.sessions.authenticate(phone)).toBeNull();
    await published(pia.id, 'password-changed');

    // An admin's reset (or the CLI's): no session survives, whatever token is named.
    await h.services.users.setPassword('pia', 'a third long password', h.admin, keep);
    expect(await h.services.sessions.authenticate(mine)).toBeNull();
  });

  it('changePassword: users change their own (current one checked); their other sessions end, the named one stays', async () => {
    const kim = await user('kim');
    const [mine, other] = [await signIn('kim'), await signIn('kim')];
    const change = (current: string, next: string) =>
      h.exec(
        kim,
        'mutation($c: String!, $n: String!, $t: String) { changePassword(currentPassword: $c, newPassword: $n, token: $t) }',
        { c: current, n: next, t: mine },
        'kim-laptop',
      );
    const wrong = await change('not my password', 'kim new password 1');
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const weak = await change(PASSWORD, 'password1234');
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(await h.services.sessions.authenticate(other)).toMatchObject({ username: 'kim' });

    expect(await change(PASSWORD, 'kim new password 1')).toEqual({ data: { changePassword: true } });
    expect(await h.services.sessions.authenticate(mine)).toMatchObject({ username: 'kim' });
    expect(await h.services.sessions.authenticate(other)).toBeNull();
    await published(kim.id, 'password-changed');
    await expect(
      h.services.sessions.login('kim', 'kim new password 1', { clientAddress: 'kim-2' }),
    ).resolves.toBeDefined();
  });

  it('logout and revokeApiToken publish the token’s hash, so only that socket closes', async () => {
    const lou = await user('lou');
    const session = await signIn('lou');
    const me = await h.exec(
      principal({ ...lou, roles: lou.roles as Role[] }),
      'mutation($t: String!) { logout(token: $t) }',
      {
        t: session,
      },
    );
    expect(me.data).toEqual({ logout: true });
    expect(await published(lou.id, 'logout')).toEqual({
      userId: lou.id,
      reason: 'logout',
      tokenHash: contractHash(session),
    });

    const { token, apiToken } = await h.services.tokens.create('lou', 'ci');
    await h.exec(h.admin, 'mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', {
      id: apiToken.id,
    });
    expect(await published(lou.id, 'token-revoked')).toEqual({
      userId: lou.id,
      reason: 'token-revoked',
      tokenHash: contractHash(token),
    });
  });

  it('an expired API token no longer authenticates (and tells its expiry while valid)', async () => {
    await user('cron');
    const soon = new Date(Date.now() + 1_500);
    const { token, apiToken } = await h.services.tokens.create('cron', 'short', h.admin, { expiresAt: soon });
    expect(apiToken.expiresAt?.toISOString()).toBe(soon.toISOString());
    expect(await h.services.sessions.credential(token)).toMatchObject({
      user: { username: 'cron' },
      expiresAt: soon,
    });
    await waitFor(
      async () => (await h.services.sessions.authenticate(token)) === null,
      'the token to expire',
      5_000,
    );

    const r = await h.exec<{
      createApiToken: { token: string; apiToken: { prefix: string; expiresAt: string } };
    }>(
      h.admin,
      'mutation { createApiToken(username: "cron", name: "week", expiresInDays: 7) { token apiToken { prefix expiresAt } } }',
    );
    const created = r.data!.createApiToken;
    const days = (Date.parse(created.apiToken.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    // L12: only the type prefix and 4 characters of the secret are kept.
    expect(created.apiToken.prefix).toBe(created.token.slice(0, 8));
    expect(created.apiToken.prefix).toMatch(/^oht_.{4}$/);
    const past = await h.exec(
      h.admin,
      'mutation { createApiToken(username: "cron", name: "x", expiresAt: "2020-01-01T00:00:00Z") { token } }',
    );
    expect(past.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('ids that are not UUIDs are NOT_FOUND, not a database error (M4)', async () => {
    for (const source of [
      'mutation { revokeApiToken(id: "------------------------------------") { id } }',
      'mutation { disableUser(id: "------------------------------------") { id } }',
      'mutation { revokeSessions(userId: "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz") }',
    ]) {
      const r = await h.exec(h.admin, source);
      expect(r.errors?.[0]?.extensions?.['code'], source).toBe('NOT_FOUND');
    }
  });
});

describe('accounts (L4, L5)', { timeout: 60_000 }, () => {
  it('roles and disabledAt are readable by an ADMIN and by the user themself; usernames by everyone', async () => {
    const vic = await user('vic', Role.VIEWER);
    const ada = await user('ada', Role.ADMIN);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { username roles disabledAt } } }`;
    const reps = { r: [{ __typename: 'User', id: ada.id }] };

    const asViewer = await h.exec<{ _entities: unknown[] }>(vic, query, reps);
    expect(asViewer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const name = await h.exec(
      vic,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { username } } }`,
      reps,
    );
    expect(name).toEqual({ data: { _entities: [{ username: 'ada' }] } });
    const asAdmin = await h.exec(h.admin, query, reps);
    expect(asAdmin).toEqual({
      data: { _entities: [{ username: 'ada', roles: ['ADMIN'], disabledAt: null }] },
    });
    const self = await h.exec(vic, '{ me { username roles disabledAt } }');
    expect(self).toEqual({ data: { me: { username: 'vic', roles: ['VIEWER'], disabledAt: null } } });
    // The answer to login is the caller's own account, before they hold a session.
    const login = await h.exec(
      undefined,
      'mutation { login(username: "vic", password: "a long enough password") { user { roles } } }',
      undefined,
      'l4',
    );
    expect(login).toEqual({ data: { login: { user: { roles: ['VIEWER'] } } } });
  });

  it('passwords: 12–128 characters, and not a common one', async () => {
    for (const password of [
      'elevenchars',
      'x'.repeat(129),
      'password1234',
      'Qwertyuiopasdf',
      'aaaaaaaaaaaaaaaa',
    ]) {
      await expect(
        h.services.users.create({ username: 'weak', password, roles: [Role.VIEWER] }),
        password,
      ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    }
    await expect(h.services.users.setPassword('root', 'short one')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(
      (
        await h.services.users.create({
          username: 'strong',
          password: 'long passphrase '.repeat(8),
          roles: [Role.VIEWER],
        })
      ).username,
    ).toBe('strong');
  });
});
