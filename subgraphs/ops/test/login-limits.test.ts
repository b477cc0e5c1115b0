// H4 and M9 (logins): sign-ins are limited per username and per client address in Redis (shared by
// every ops process), refused with RATE_LIMITED and a retry-after, counted rather than audited one by
// one; password hashing is bounded; oversized input is refused before anything is written or hashed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/index.js';
import { DEFAULT_LOGIN_LIMITS } from '../src/session/login-limiter.js';
import { startAuthHarness, type AuthHarness } from './auth-harness.js';

let h: AuthHarness;
const PASSWORD = 'the right password';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

const login = (username: string, password: string, address: string) =>
  h.exec<{ login: { token: string } }>(undefined, LOGIN, { u: username, p: password }, address);

const audits = (kind: string) => h.db.auditEntry.count({ where: { kind } });

beforeAll(async () => {
  // Refusals answered at once here (the delay is checked on its own below), so the test stays short.
  h = await startAuthHarness('ops-login-limits', { loginLimits: { refusalDelayMs: 0 } });
  for (const username of ['ines', 'ugo'])
    await h.services.users.create({ username, password: PASSWORD, roles: [Role.VIEWER] });
});

afterAll(async () => {
  await h?.close();
});

describe('login limits (H4, M9)', { timeout: 90_000 }, () => {
  it('after 5 failures a username is refused with RATE_LIMITED and retryAfterSeconds, even with the right password, in every ops process', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await login('ines', `wrong guess ${i}`, `10.0.0.${i}`);
      expect(r.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
    const limited = await login('ines', PASSWORD, '10.0.1.1');
    expect(limited.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    const retry = limited.errors?.[0]?.extensions?.['retryAfterSeconds'] as number;
    expect(retry).toBeGreaterThan(800);
    expect(retry).toBeLessThanOrEqual(900);

    // A second ops process shares the window through Redis.
    const other = h.another();
    await expect(other.sessions.login('ines', PASSWORD, { clientAddress: '10.0.2.2' })).rejects.toMatchObject(
      {
        extensions: { code: 'RATE_LIMITED' },
      },
    );
    // Other usernames are not affected.
    expect((await login('ugo', PASSWORD, '10.0.1.1')).data?.login.token).toMatch(/^ohs_/);
  });

  it('refused attempts are counted, not audited one by one', async () => {
    const before = {
      failed: await audits('session.login-failed'),
      limited: await audits('session.login-limited'),
    };
    for (let i = 0; i < 30; i++) await login('ines', `guess ${i}`, `10.0.3.${i}`);
    expect(await audits('session.login-failed')).toBe(before.failed);
    // At most one row per limited key and window, carrying the count of refusals so far.
    expect(await audits('session.login-limited')).toBe(before.limited);
    const row = await h.db.auditEntry.findFirst({ where: { kind: 'session.login-limited', target: 'ines' } });
    expect(row?.detail).toMatchObject({ scope: 'username', refused: 1 });
  });

  it('one client address gets N attempts a minute (default 20), whatever the usernames', async () => {
    expect(DEFAULT_LOGIN_LIMITS).toMatchObject({ addressAttempts: 20, addressWindowSeconds: 60 });
    // A tighter limit than the default keeps the test short (each attempt costs a real argon2 hash).
    const strict = h.another({ loginLimits: { addressAttempts: 4, refusalDelayMs: 1_000 } });
    const attempt = (username: string, password: string, clientAddress: string) =>
      strict.sessions.login(username, password, { clientAddress }).then(
        () => 'OK',
        (e: { extensions?: { code?: string; retryAfterSeconds?: number } }) => e.extensions,
      );
    const address = '192.0.2.77';
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await attempt(`nobody${i}`, 'some password', address));
    expect(outcomes.map((o) => (typeof o === 'string' ? o : o?.code))).toEqual([
      ...Array(4).fill('UNAUTHENTICATED'),
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    // A refusal is answered late (1 s), so a client retrying in a loop is slowed to a crawl.
    const asked = Date.now();
    const limited = await attempt('ugo', PASSWORD, address);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(950);
    expect(limited).toMatchObject({ code: 'RATE_LIMITED' });
    expect((limited as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another address is not affected.
    expect(await attempt('ugo', PASSWORD, '192.0.2.78')).toBe('OK');
  });

  it('refuses a 500 000-character username and a 1025-character password before auditing or hashing', async () => {
    const rows = await h.db.auditEntry.count();
    const started = Date.now();
    const big = await login('u'.repeat(500_000), 'whatever password', '10.9.9.9');
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    const long = await login('ugo', 'p'.repeat(1025), '10.9.9.9');
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(await h.db.auditEntry.count()).toBe(rows);
    // A failed login keeps at most 32 characters of what was typed as a username.
    await login('x'.repeat(64), 'whatever password', '10.9.9.9');
    const row = await h.db.auditEntry.findFirst({
      where: { kind: 'session.login-failed' },
      orderBy: { id: 'desc' },
    });
    expect(row?.target).toBe(`${'x'.repeat(32)}…`);
  });

  it('password hashing runs at most N at once; sign-ins beyond the queue are refused at once with RATE_LIMITED', async () => {
    const tight = h.another({
      passwordHashing: { concurrency: 1, maxQueue: 2 },
      loginLimits: { addressAttempts: 1000, usernameFailures: 1000, refusalDelayMs: 0 },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        tight.sessions.login('ugo', `wrong ${i}`, { clientAddress: `10.7.0.${i}` }),
      ),
    );
    const codes = results.map((r) =>
      r.status === 'rejected'
        ? String((r.reason as { extensions?: { code?: string } }).extensions?.code)
        : 'OK',
    );
    // One hashing, two waiting; the other five refused without waiting.
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
  });
});
