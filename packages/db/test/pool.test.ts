// createDb's pool under killed connections (pg_terminate_backend), on the real Postgres: a transaction
// whose connection dies gives its pool slot back, so more kills than the pool holds leave it serving;
// a pool that is full fails fast instead of waiting forever; a killed idle connection is no uncaught
// exception; `$disconnect()` returns.
import { databaseUnavailable } from '@opshub/errors';
import { createTestDatabase, type TestDatabase, waitFor } from '@opshub/testing';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/client.js';

const MAX = 3;
let database: TestDatabase;
let admin: pg.Client;
let db: Db;
let poolErrors: Error[] = [];

beforeAll(async () => {
  database = await createTestDatabase('db-pool');
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
});

// A pool of its own for each test, closed by the test itself (the last one times it).
beforeEach(() => {
  poolErrors = [];
  db = createDb(database.url, {
    max: MAX,
    connectionTimeoutMs: 1_000,
    onError: (error) => poolErrors.push(error),
  });
});

afterAll(async () => {
  await admin?.end();
  await database?.drop();
});

/** Terminates the backend running `marker` once it runs; returns its pid. */
async function killWhenRunning(marker: string): Promise<number> {
  const pid = await waitFor(async () => {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE $1 AND pid <> pg_backend_pid()`,
      [`%${marker}%`],
    );
    return rows[0]?.pid;
  }, `a backend running ${marker}`);
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  return pid;
}

/** Connections the hub's database has, other than the admin's. */
async function backends(): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows[0]!.n;
}

describe('createDb pool', () => {
  it('keeps serving after more transactions were killed mid-flight than its pool holds', async () => {
    const failures: unknown[] = [];
    for (let i = 0; i < MAX * 3; i++) {
      const marker = `kill_me_${i}`;
      const tx = db.$transaction(async (t) => {
        await t.$executeRawUnsafe(`SELECT 1`);
        await t.$executeRawUnsafe(`SELECT pg_sleep(30) /* ${marker} */`);
      });
      const settled = tx.then(
        () => undefined,
        (e: unknown) => e,
      );
      await killWhenRunning(marker);
      failures.push(await settled);
    }
    expect(failures.every((f) => f instanceof Error)).toBe(true);
    // What the subgraphs' masking turns into a retryable SERVICE_UNAVAILABLE (packages/errors).
    expect(failures.filter((f) => !databaseUnavailable(f))).toEqual([]);

    const started = Date.now();
    const rows = await db.$transaction(async (t) => t.$queryRawUnsafe<{ one: number }[]>('SELECT 1 AS one'));
    expect(rows).toEqual([{ one: 1 }]);
    expect(Date.now() - started).toBeLessThan(1_000);
    await db.$disconnect();
  });

  it('survives a transaction killed between its statements, and idle connections killed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = db
      .$transaction(async (t) => {
        await t.$executeRawUnsafe(`SELECT 'idle_in_tx_marker'`);
        await gate;
        await t.$executeRawUnsafe('SELECT 2');
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const { rows } = await waitFor(async () => {
      const r = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`,
      );
      return r.rows.length ? r : undefined;
    }, 'the transaction to wait between statements');
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    // The checked-out connection raised 'error' while no query ran on it: handled, not thrown.
    await waitFor(
      async () => (poolErrors.length ? true : undefined),
      'the pool to report the dead connection',
    );
    release();
    const error = await tx;
    expect(error).toBeInstanceOf(Error);
    expect(databaseUnavailable(error)).toBe(true);

    // Idle connections in the pool killed: the pool drops them and opens new ones.
    await Promise.all(Array.from({ length: MAX }, () => db.$executeRawUnsafe('SELECT pg_sleep(0.05)')));
    const errorsBefore = poolErrors.length;
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await waitFor(async () => ((await backends()) === 0 ? true : undefined), 'the backends to end');
    // The server has closed them; the pool learns it from each socket's 'error' shortly after (a query
    // in between would get SERVICE_UNAVAILABLE, retryable). Once it has, the next query opens a new one.
    await waitFor(
      async () => (poolErrors.length >= errorsBefore + MAX ? true : undefined),
      'the pool to drop its killed idle connections',
    );
    expect(await db.$queryRawUnsafe('SELECT 3 AS three')).toEqual([{ three: 3 }]);
    await db.$disconnect();
  });

  it('fails fast when every connection is busy, then serves again', async () => {
    const busy = Array.from({ length: MAX }, (_, i) =>
      db.$transaction(async (t) => t.$executeRawUnsafe(`SELECT pg_sleep(2) /* busy_${i} */`), {
        timeout: 10_000,
      }),
    );
    await waitFor(async () => ((await backends()) >= MAX ? true : undefined), 'the pool to be full');
    const started = Date.now();
    const outcome = await db
      .$transaction(async (t) => t.$queryRawUnsafe('SELECT 1'), { maxWait: 60_000 })
      .then(
        () => 'ok',
        (e: unknown) => e,
      );
    expect(outcome).toBeInstanceOf(Error);
    expect(databaseUnavailable(outcome)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
    await Promise.all(busy);
    expect(await db.$queryRawUnsafe('SELECT 4 AS four')).toEqual([{ four: 4 }]);
    await db.$disconnect();
  });

  it('disconnects at once after transactions were killed', async () => {
    for (let i = 0; i < MAX; i++) {
      const marker = `kill_before_disconnect_${i}`;
      const tx = db
        .$transaction(async (t) => t.$executeRawUnsafe(`SELECT pg_sleep(30) /* ${marker} */`))
        .catch((e: unknown) => e);
      await killWhenRunning(marker);
      await tx;
    }
    const started = Date.now();
    await db.$disconnect();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
