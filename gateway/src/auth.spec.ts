import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from './auth.js';

/** A stand-in for ops' /internal/authenticate: answers from `answers`, counts calls, can hold one. */
const answers = new Map<string, unknown>();
let calls = 0;
let hold: Promise<void> | undefined;
let server: Server;
let opsUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += String(c)));
    req.on('end', () => {
      calls++;
      const { token } = JSON.parse(body) as { token: string };
      const answer = answers.get(token) ?? { user: null };
      void (hold ?? Promise.resolve()).then(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  opsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const user = { id: 'u1', username: 'ursula', roles: ['VIEWER'] };
const fresh = () => createAuthenticator({ opsUrl, secret: 'x'.repeat(48) });

describe('authenticator cache', () => {
  it('asks ops once per token within the TTL, and again after a revocation of its user', async () => {
    const auth = fresh();
    answers.set('t1', { user, expiresAt: null });
    const before = calls;
    await Promise.all([auth.fromHeader('Bearer t1'), auth.fromHeader('Bearer t1')]);
    expect(await auth.fromHeader('Bearer t1')).toMatchObject({ kind: 'user', user });
    expect(calls - before).toBe(1);
    answers.delete('t1');
    auth.forgetUser('u1');
    expect(await auth.fromHeader('Bearer t1')).toEqual({ kind: 'invalid' });
    expect(calls - before).toBe(2);
  });

  it('does not cache an answer that was in flight when a revocation arrived', async () => {
    const auth = fresh();
    answers.set('t2', { user, expiresAt: null });
    let release!: () => void;
    hold = new Promise<void>((r) => (release = r));
    const before = calls;
    const stale = auth.fromHeader('Bearer t2');
    // Wait until ops has read its (still valid) answer; it is held back until after the revocation.
    while (calls === before) await new Promise((r) => setImmediate(r));
    auth.forgetUser('u1');
    answers.delete('t2');
    hold = undefined;
    release();
    expect((await stale).kind).toBe('user');
    expect(await auth.fromHeader('Bearer t2')).toEqual({ kind: 'invalid' });
  });

  it('returns expiresAt, and treats a credential past it as invalid without asking again', async () => {
    const auth = fresh();
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    answers.set('t3', { user, expiresAt });
    expect(await auth.fromHeader('Bearer t3')).toMatchObject({
      kind: 'user',
      expiresAt: Date.parse(expiresAt),
    });
    answers.set('t4', { user, expiresAt: new Date(Date.now() - 1).toISOString() });
    expect(await auth.fromHeader('Bearer t4')).toEqual({ kind: 'invalid' });
  });
});
