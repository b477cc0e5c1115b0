// DATABASE_REPLICA_URL against a real streaming replica of the test cluster (replica-cluster.ts): reads
// are served by the replica (its WAL replay paused, a row written through the client is not found by the
// client's reads until replay resumes), writes and transactions go to the primary, a write that reaches
// the replica fails with READ_ONLY_REPLICA and writes nothing, and with the replica stopped reads fall back
// to the primary at once, then go to the replica again once it is back. Prisma client and bulk SQL pool.
import { ErrorCode, maskError } from '@opshub/errors';
import { createTestDatabase, type TestDatabase, waitFor } from '@opshub/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { createDb, type Db } from '../src/client.js';
import type { ReplicaOptions } from '../src/replica-health.js';
import { replicaOf, replicaState } from '../src/replica.js';
import { createSqlPool, type SqlPool } from '../src/sql-pool.js';
import { startStreamingReplica, type StreamingReplica } from './replica-cluster.js';

let database: TestDatabase;
let primary: pg.Client;
let standby: pg.Client;
let replica: StreamingReplica | undefined;
let missing = '';
let db: Db;
let pool: SqlPool;
const changes = { db: [] as boolean[], pool: [] as boolean[] };

beforeAll(async () => {
  database = await createTestDatabase('db-replica');
  primary = new pg.Client({ connectionString: database.url });
  await primary.connect();
  const started = await startStreamingReplica();
  if ('missing' in started) {
    missing = started.missing;
    return;
  }
  replica = started;
  standby = new pg.Client({ connectionString: replica.url(database.name) });
  standby.on('error', () => undefined);
  await standby.connect();
  const options = (seen: boolean[]): ReplicaOptions => ({
    url: replica!.url(database.name),
    probeIntervalMs: 100,
    readAfterWriteMs: 0,
    onChange: (up) => seen.push(up),
  });
  db = createDb(database.url, { max: 3, replica: options(changes.db) });
  pool = createSqlPool(database.url, 2, { ...replicaOf(db)!, onChange: (up) => changes.pool.push(up) });
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await pool?.end();
  await standby?.end().catch(() => undefined);
  await replica?.remove();
  await primary?.end();
  await database?.drop();
});

function needsReplica(ctx: TestContext): void {
  if (!replica) ctx.skip(`no streaming replica: ${missing}`);
}

async function inRecovery(client: Db = db): Promise<boolean> {
  const [row] = await client.$queryRaw<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`;
  return row!.r;
}

async function pauseReplay(): Promise<void> {
  await standby.query('SELECT pg_wal_replay_pause()');
  await waitFor(async () => {
    const { rows } = await standby.query<{ s: string }>('SELECT pg_get_wal_replay_pause_state() AS s');
    return rows[0]!.s === 'paused';
  }, 'the replica to pause its replay');
}

const newUser = (username: string) =>
  db.user.create({ data: { username, passwordHash: 'not-a-hash', roles: ['VIEWER'] } });

describe('DATABASE_REPLICA_URL on a streaming replica', () => {
  it('serves reads from the replica and writes on the primary', async (ctx) => {
    needsReplica(ctx);
    expect(await inRecovery()).toBe(true);
    const { rows: direct } = await pool.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
    expect(direct[0]!.r).toBe(true);
    expect(
      await db.$transaction((t) => t.$queryRaw<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`),
    ).toEqual([{ r: false }]);

    await pauseReplay();
    try {
      const user = await newUser('replica-written');
      const onPrimary = await primary.query('SELECT username FROM ops."user" WHERE id = $1', [user.id]);
      expect(onPrimary.rows).toEqual([{ username: 'replica-written' }]);
      // The replica has not replayed the insert: the client's reads do not see it, a transaction does.
      expect(await db.user.findUnique({ where: { id: user.id } })).toBeNull();
      expect(await db.user.count({ where: { username: 'replica-written' } })).toBe(0);
      const { rows } = await pool.query('SELECT id FROM ops."user" WHERE id = $1', [user.id]);
      expect(rows).toEqual([]);
      expect(await db.$transaction((t) => t.user.findUnique({ where: { id: user.id } }))).toMatchObject({
        username: 'replica-written',
      });
      // updateMany and delete reach the primary too.
      await db.user.updateMany({ where: { id: user.id }, data: { passwordHash: 'changed' } });
      const changed = await primary.query('SELECT password_hash FROM ops."user" WHERE id = $1', [user.id]);
      expect(changed.rows).toEqual([{ password_hash: 'changed' }]);
      await standby.query('SELECT pg_wal_replay_resume()');
      const seen = await waitFor(async () => {
        const row = await db.user.findUnique({ where: { id: user.id } });
        return row?.passwordHash === 'changed' && row;
      }, 'the replica to replay the insert and the update');
      expect(seen.username).toBe('replica-written');
    } finally {
      await standby.query('SELECT pg_wal_replay_resume()');
    }
    expect(replicaState(db)).toMatchObject({ up: true });
    expect(replicaState(db)!.replicaReads).toBeGreaterThanOrEqual(4);
  });

  it('keeps a process on the primary for a while after it wrote (its own writes are read back)', async (ctx) => {
    needsReplica(ctx);
    const sticky = createDb(database.url, {
      max: 2,
      replica: { url: replica!.url(database.name), readAfterWriteMs: 60_000 },
    });
    await pauseReplay();
    try {
      expect(await inRecovery(sticky)).toBe(true);
      const user = await sticky.user.create({
        data: { username: 'read-my-write', passwordHash: 'x', roles: ['VIEWER'] },
      });
      expect(await sticky.user.findUnique({ where: { id: user.id } })).toMatchObject({
        username: 'read-my-write',
      });
      expect(await inRecovery(sticky)).toBe(false);
    } finally {
      await standby.query('SELECT pg_wal_replay_resume()');
      await sticky.$disconnect();
    }
  });

  it('refuses a write that reached the replica with READ_ONLY_REPLICA, and writes nothing', async (ctx) => {
    needsReplica(ctx);
    // A function that writes looks like a read to the router: the replica refuses it.
    await primary.query(`CREATE TABLE public.replica_probe (n int)`);
    await primary.query(
      `CREATE FUNCTION public.replica_probe_write() RETURNS int LANGUAGE sql AS 'INSERT INTO public.replica_probe VALUES (1) RETURNING n'`,
    );
    await waitFor(async () => {
      const { rows } = await standby.query(`SELECT to_regprocedure('public.replica_probe_write()') AS f`);
      return rows[0]?.f !== null;
    }, 'the function on the replica');

    const viaPrisma = await db.$queryRaw`SELECT public.replica_probe_write() AS n`.then(
      () => undefined,
      (e: unknown) => e,
    );
    // Prisma wraps what its adapter threw and keeps the code; the subgraphs' edge presents it as coded.
    expect(viaPrisma).toMatchObject({ code: ErrorCode.READ_ONLY_REPLICA });
    expect((viaPrisma as Error).message).toMatch(/read-only replica \(cannot execute INSERT/);
    expect(maskError({ message: 'x' }, 'r-1', viaPrisma)).toMatchObject({
      extensions: { code: ErrorCode.READ_ONLY_REPLICA, requestId: 'r-1' },
    });
    const viaPool = await pool.query('SELECT public.replica_probe_write() AS n').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(viaPool).toMatchObject({ extensions: { code: ErrorCode.READ_ONLY_REPLICA } });
    expect((await primary.query('SELECT count(*)::int AS n FROM public.replica_probe')).rows).toEqual([
      { n: 0 },
    ]);
    // The replica is not taken for down, and the same call in a transaction runs on the primary.
    expect(replicaState(db)?.up).toBe(true);
    await db.$transaction((t) => t.$queryRaw`SELECT public.replica_probe_write() AS n`);
    expect((await primary.query('SELECT count(*)::int AS n FROM public.replica_probe')).rows).toEqual([
      { n: 1 },
    ]);
  });

  it('falls back to the primary while the replica is down and uses it again once it is back', async (ctx) => {
    needsReplica(ctx);
    await standby.end();
    await replica!.stop();

    const started = performance.now();
    expect(await inRecovery()).toBe(false);
    const fallbackMs = performance.now() - started;
    expect(fallbackMs).toBeLessThan(2_000);
    const { rows } = await pool.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
    expect(rows[0]!.r).toBe(false);
    expect(await db.user.count()).toBeGreaterThanOrEqual(2);
    expect(replicaState(db)?.up).toBe(false);
    expect(replicaState(pool)?.up).toBe(false);
    // Down, reads go straight to the primary: no connection attempt per read.
    const downStarted = performance.now();
    for (let i = 0; i < 20; i++) expect(await inRecovery()).toBe(false);
    const downReadMs = (performance.now() - downStarted) / 20;

    const restarted = performance.now();
    await replica!.start();
    await waitFor(() => inRecovery(), 'reads on the replica again', 20_000);
    await waitFor(
      async () => (await pool.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]!.r,
      'the pool back on the replica',
      20_000,
    );
    const recoveredMs = performance.now() - restarted;
    expect(changes).toEqual({ db: [false, true], pool: [false, true] });
    console.log(
      JSON.stringify({
        test: 'db-replica',
        fallbackFirstReadMs: Math.round(fallbackMs),
        readWhileDownMs: Number(downReadMs.toFixed(2)),
        backOnReplicaAfterStartMs: Math.round(recoveredMs),
      }),
    );
  });
});
