import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeRevocation, revocationChannel, type Revocation } from '@opshub/auth';
import { createDb, type Db } from '@opshub/db';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpsServices, type OpsServices } from '../src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MAIN = 'cli/src/main.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let database: TestDatabase;
let db: Db;
let services: OpsServices;

/** Runs the CLI as an admin would (a child process), with the password piped on stdin. */
function cli(args: string[], input = '', env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

beforeAll(async () => {
  database = await createTestDatabase('cli');
  db = createDb(database.url, { max: 2 });
  services = createOpsServices(db, { sessionTtlHours: 1 });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe('opshub CLI', { timeout: 60_000 }, () => {
  let token = '';
  let tokenId = '';

  it('creates a user with the password read from stdin', async () => {
    const run = await cli(['user', 'create', 'alice', '--role', 'OPERATOR'], 'correct horse battery\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Created user alice (OPERATOR)');
    expect(await services.users.verifyPassword('alice', 'correct horse battery')).not.toBeNull();
    const audit = await db.auditEntry.findFirst({ where: { kind: 'user.create', target: 'alice' } });
    expect(audit?.actorId).toBeNull();
  });

  it('creates a token printed as the last line of stdout, which authenticates as the user', async () => {
    const run = await cli(['token', 'create', '--user', 'alice', '--name', 'nightly report']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    token = lines.at(-1)!;
    expect(run.stdout.endsWith(`${token}\n`)).toBe(true);
    expect(token).toMatch(/^oht_/);
    const principal = await services.sessions.authenticate(token);
    expect(principal?.username).toBe('alice');
    expect(principal?.roles).toEqual(['OPERATOR']);
  });

  it('lists users and tokens', async () => {
    const users = await cli(['user', 'list']);
    expect(users.code).toBe(0);
    expect(users.stdout).toMatch(/^alice\s+OPERATOR\s/m);
    const tokens = await cli(['token', 'list', '--user', 'alice']);
    expect(tokens.code).toBe(0);
    const row = tokens.stdout.split('\n').find((l) => l.includes('nightly report'));
    expect(row).toBeDefined();
    expect(row).toContain(token.slice(0, 8));
    expect(row).not.toContain(token);
    tokenId = row!.split(/\s+/)[0]!;
  });

  it('revokes a token, which then no longer authenticates', async () => {
    const run = await cli(['token', 'revoke', tokenId]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Revoked token "nightly report" of alice');
    expect(await services.sessions.authenticate(token)).toBeNull();
  });

  it('refuses a duplicate user with one line on stderr and exit code 1', async () => {
    const run = await cli(['user', 'create', 'alice', '--role', 'VIEWER', '--password', 'another password']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error: User alice already exists\n');
  });

  it('disables a user: their sessions end and the gateways are told on Redis; enable undoes it', async () => {
    const prefix = uniquePrefix('cli');
    const subscriber = new Redis(testRedisUrl());
    const heard: Revocation[] = [];
    subscriber.on('message', (_c: string, text: string) => void heard.push(decodeRevocation(text)!));
    await subscriber.subscribe(revocationChannel(prefix));
    try {
      const session = (await services.sessions.login('alice', 'correct horse battery')).token;
      const run = await cli(['user', 'disable', 'alice'], '', {
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('Disabled alice\n');
      expect(await services.sessions.authenticate(session)).toBeNull();
      const alice = await services.users.findByUsername('alice');
      expect(alice?.disabledAt).not.toBeNull();
      expect(heard).toEqual([{ userId: alice!.id, reason: 'user-disabled' }]);
    } finally {
      await subscriber.quit();
    }
    const enabled = await cli(['user', 'enable', 'alice']);
    expect(enabled.code).toBe(0);
    expect((await services.users.findByUsername('alice'))?.disabledAt).toBeNull();
  });

  it('revokes every session of a user (sessions revoke --user)', async () => {
    const a = (await services.sessions.login('alice', 'correct horse battery')).token;
    const b = (await services.sessions.login('alice', 'correct horse battery')).token;
    // REDIS_URL set empty: unset, whatever a checkout's .env (written by `npm run up`) says.
    const run = await cli(['sessions', 'revoke', '--user', 'alice'], '', { REDIS_URL: '' });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Revoked 2 sessions of alice\n');
    // Without REDIS_URL the CLI says the gateways learn it at their next re-check.
    expect(run.stderr).toContain('REDIS_URL is not set');
    expect(await services.sessions.authenticate(a)).toBeNull();
    expect(await services.sessions.authenticate(b)).toBeNull();
  });

  it('creates a token that expires (token create --expires-in-days)', async () => {
    const run = await cli([
      'token',
      'create',
      '--user',
      'alice',
      '--name',
      'weekly',
      '--expires-in-days',
      '7',
    ]);
    expect(run.code).toBe(0);
    const expires = /expires (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/.exec(run.stdout)?.[1];
    const days = (Date.parse(`${expires!.replace(' ', 'T')}Z`) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const token = run.stdout.trimEnd().split('\n').at(-1)!;
    expect((await services.sessions.credential(token))?.expiresAt).not.toBeNull();
  });
});
