import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Principal } from '@opshub/auth';
import { bullSqlJobs, createAlertsServices, DEFAULT_SQL_SETTINGS, type AlertsServices } from '@opshub/alerts';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createProducer, type Producer } from '@opshub/jobs';
import {
  createTestDatabase,
  deleteKeys,
  testRedisUrl,
  uniquePrefix,
  waitFor,
  type TestDatabase,
} from '@opshub/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsModule } from '../src/alerts/alerts.module.js';
import { startWorkers, type RunningWorkers } from '../src/index.js';

const log = createLogger('workers-test', 'silent');
const prefix = uniquePrefix('sql-runs');
const alice: Principal = {
  id: '00000000-0000-4000-8000-00000000a11c',
  username: 'alice',
  roles: ['VIEWER', 'SQL'],
};
const bob: Principal = {
  id: '00000000-0000-4000-8000-000000000b0b',
  username: 'bob',
  roles: ['VIEWER', 'SQL'],
};
const admin: Principal = { id: '00000000-0000-4000-8000-0000000000ad', username: 'root', roles: ['ADMIN'] };
let database: TestDatabase;
let db: Db;
let workers: RunningWorkers;
let producer: Producer;
let events: EventBus;
// The subgraph's side: submits runs and serves their files.
let hub: AlertsServices;
let dir: string;
let bobsUpdates: AsyncIterator<{ id: bigint; state: string }>;

beforeAll(async () => {
  database = await createTestDatabase('workers-sql');
  db = createDb(database.url, { max: 2 });
  dir = await mkdtemp(path.join(tmpdir(), 'sql-runs-'));
  const seed = new pg.Client({ connectionString: database.url });
  await seed.connect();
  // 2,500 rows: more than two fetch batches; ids above 2^53.
  await seed.query(
    `INSERT INTO alerts.dia_forced_source (dia_forced_source_id, dia_object_id, mid_point_tai, filter_name, ps_flux, ps_flux_err)
     SELECT 9007199254740993 + i, 7, 60000 + i / 8.0, CASE WHEN i % 2 = 0 THEN 'g' ELSE 'r, "i"' END, i, 0.5
     FROM generate_series(0, 2499) AS i`,
  );
  await seed.end();
  workers = await startWorkers({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SESSION_TTL_HOURS: 12,
      WORKER_SHUTDOWN_MS: 5_000,
      LOG_LEVEL: 'silent',
    },
    log,
    modules: [
      alertsModule({
        databaseUrl: database.url,
        sqlRuns: { timeoutMs: 1_500, concurrency: 3, resultsDir: dir },
      }),
    ],
  });
  producer = createProducer(testRedisUrl(), prefix);
  events = await EventBus.connect(testRedisUrl(), prefix);
  hub = createAlertsServices(db, {
    databaseUrl: database.url,
    events,
    log,
    sql: { settings: { ...DEFAULT_SQL_SETTINGS, resultsDir: dir }, jobs: bullSqlJobs(producer) },
  });
});

afterAll(async () => {
  await workers?.stop();
  await hub?.close();
  await events?.close();
  await producer?.close();
  await deleteKeys(testRedisUrl(), prefix);
  await db?.$disconnect();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function finished(user: Principal, id: string) {
  return waitFor(async () => {
    const page = await hub.sql.history(user, { first: 50 });
    const run = page.edges.find((e) => e.node.id.toString() === id)?.node;
    return run && (run.state === 'SUCCEEDED' || run.state === 'FAILED') ? run : undefined;
  }, `run ${id} finished`);
}

describe('submitted SQL runs in the workers', () => {
  it('streams every row into a CSV and a JSON file, exact and quoted, served to its owner only', async () => {
    const updates = (await hub.sql.updates(alice))[Symbol.asyncIterator]();
    bobsUpdates = (await hub.sql.updates(bob))[Symbol.asyncIterator]();
    const run = await hub.sql.submit(
      alice,
      'SELECT dia_forced_source_id AS id, filter_name, ps_flux FROM dia_forced_source WHERE dia_object_id = $1 ORDER BY 1',
      ['7'],
    );
    expect(run.state).toBe('QUEUED');
    const done = await finished(alice, run.id.toString());
    expect(done).toMatchObject({ state: 'SUCCEEDED', rowCount: 2_500n, error: null });
    // Announced without polling: once as it started, once as it succeeded (each read again from its row).
    const seen: string[] = [];
    while (!seen.includes('SUCCEEDED')) {
      const next = await updates.next();
      expect(next.value?.id).toBe(run.id);
      seen.push(String(next.value?.state));
    }
    expect(seen.length).toBeLessThanOrEqual(2);
    await updates.return?.();

    const csvFile = await hub.sql.file(alice, run.id.toString(), 'csv');
    const csv = (await readFile(csvFile.path, 'utf8')).split('\r\n');
    expect(csv[0]).toBe('id,filter_name,ps_flux');
    expect(csv[1]).toBe('9007199254740993,g,0');
    expect(csv[2]).toBe('9007199254740994,"r, ""i""",1');
    expect(csv).toHaveLength(2_502); // header, rows, the last line's end

    const jsonFile = await hub.sql.file(alice, run.id.toString(), 'json');
    const text = await readFile(jsonFile.path, 'utf8');
    expect(text).toContain('{"id":9007199254740993,"filter_name":"g","ps_flux":0}');
    const rows = JSON.parse(text) as Record<string, unknown>[];
    expect(rows).toHaveLength(2_500);
    expect(rows[2_499]).toMatchObject({ filter_name: 'r, "i"', ps_flux: 2_499 });

    // Bob neither sees the run nor its files; an admin gets the files.
    expect((await hub.sql.history(bob, {})).edges).toHaveLength(0);
    await expect(hub.sql.file(bob, run.id.toString(), 'csv')).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    expect((await hub.sql.file(admin, run.id.toString(), 'json')).path).toBe(jsonFile.path);
  });

  it('runs several at once, and records a refused or timed-out run as FAILED with why, no files', async () => {
    const slow = 'SELECT pg_sleep(0.6), count(*) FROM dia_forced_source';
    const runs = await Promise.all([1, 2, 3].map(() => hub.sql.submit(bob, slow)));
    const done = await Promise.all(runs.map((r) => finished(bob, r.id.toString())));
    // Bob's feed skipped Alice's run: the first update he gets is one of his.
    const first = await bobsUpdates.next();
    expect(runs.map((r) => r.id)).toContain(first.value?.id);
    await bobsUpdates.return?.();
    expect(done.map((r) => r.state)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    const lastStart = Math.max(...done.map((r) => r.startedAt!.getTime()));
    const firstEnd = Math.min(...done.map((r) => r.finishedAt!.getTime()));
    expect(lastStart).toBeLessThan(firstEnd);

    const denied = await hub.sql.submit(bob, 'SELECT * FROM ops."user"');
    expect(await finished(bob, denied.id.toString())).toMatchObject({
      state: 'FAILED',
      errorCode: 'FORBIDDEN',
      error: 'Read-only SQL reads the alerts schema only: permission denied for schema ops',
    });
    const long = await hub.sql.submit(bob, 'SELECT pg_sleep(5)');
    const timedOut = await finished(bob, long.id.toString());
    expect(timedOut).toMatchObject({ state: 'FAILED', errorCode: 'BAD_USER_INPUT' });
    expect(timedOut.error).toMatch(/1500 ms timeout/);
    await expect(hub.sql.file(bob, long.id.toString(), 'csv')).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
    // Refused before it is queued: nothing stored.
    await expect(hub.sql.submit(bob, 'DELETE FROM dia_forced_source')).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await hub.sql.history(bob, {})).totalCount).toBe(5);
    expect((await hub.sql.history(alice, {})).totalCount).toBe(1);
  });
});
