import type { Socket } from 'node:net';
import { createTestDatabase, waitFor, type TestDatabase } from '@opshub/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CopyBinaryWriter, runPipelined, type CopyStep } from '../src/ingest/copy-binary.js';

// runPipelined against the real server, on tables of this file's own: what a store relies on — rows exact,
// errors rejected with the server's error, the connection fit for the next statement, and no call left hanging.

let database: TestDatabase;
let admin: pg.Client;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase('copy-pipelined');
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`
    CREATE SCHEMA pipe;
    CREATE TABLE pipe.obj (id int8 PRIMARY KEY, x float8, y float4, label text, n int4);
    CREATE TABLE pipe.src (id int8 PRIMARY KEY, obj_id int8 NOT NULL, note text NOT NULL)`);
});
afterAll(async () => {
  await admin?.end();
  await database?.drop();
});
beforeEach(async () => {
  await admin.query('TRUNCATE pipe.obj, pipe.src');
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterEach(async () => {
  await client.end();
});

interface Obj {
  id: bigint;
  x: number | null;
  y: number | null;
  label: string | null;
  n: number | null;
}

function objects(rows: readonly Obj[]): CopyStep {
  const w = new CopyBinaryWriter();
  for (const r of rows) {
    w.tuple(5);
    w.int8(r.id);
    w.float8(r.x);
    w.float4(r.y);
    w.text(r.label);
    if (r.n === null) w.null();
    else w.int4(r.n);
  }
  return { table: 'pipe.obj', columns: ['id', 'x', 'y', 'label', 'n'], data: w.end() };
}

const note = (i: number): string => `source ${i} of a long light curve`;

/** Sources `from` … `from + count - 1`; 20,000 of them take about 15 parts of 64 KiB. */
function sources(from: number, count: number): CopyStep {
  const w = new CopyBinaryWriter();
  for (let i = from; i < from + count; i++) {
    w.tuple(3);
    w.int8(BigInt(i));
    w.int8(BigInt(i % 7));
    w.text(note(i));
  }
  return { table: 'pipe.src', columns: ['id', 'obj_id', 'note'], data: w.end() };
}

/** The objects as stored (committed, seen from another connection); `y` widened so its float4 value shows exactly. */
async function storedObjects(): Promise<Obj[]> {
  const { rows } = await admin.query<{ key: string; x: number; y: number; label: string; n: number }>(
    'SELECT id::text AS key, x, y::float8 AS y, label, n FROM pipe.obj ORDER BY id',
  );
  return rows.map(({ key, ...r }) => ({ id: BigInt(key), ...r }));
}

async function storedSources(): Promise<string[]> {
  const { rows } = await admin.query<{ row: string }>(
    `SELECT id || '|' || obj_id || '|' || note AS row FROM pipe.src ORDER BY id`,
  );
  return rows.map((r) => r.row);
}

const expectedSources = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, k) => `${from + k}|${(from + k) % 7}|${note(from + k)}`);

const stored = (rows: readonly Obj[]): Obj[] =>
  [...rows]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((r) => ({ ...r, y: r.y === null ? null : Math.fround(r.y) }));

const INT8_MAX = 2n ** 63n - 1n;
const INT8_MIN = -(2n ** 63n);

describe('runPipelined: statements and binary COPYs in one message', () => {
  it('BEGIN, two COPYs and COMMIT store every row with its exact value, a COPY of many parts complete', async () => {
    const rows: Obj[] = [
      { id: INT8_MAX, x: 1 / 3, y: 1 / 3, label: 'Zürich', n: 2_147_483_647 },
      { id: INT8_MIN, x: -1e300, y: Math.PI, label: 'a label longer than sixteen chars', n: -2_147_483_648 },
      { id: 0n, x: 5e-324, y: 16_777_217, label: 'sixteen chars ok', n: 0 },
      { id: -1n, x: Math.PI, y: 0.1, label: '🔭 naïve — über sixteen', n: 7 },
      { id: 42n, x: null, y: null, label: null, n: null },
      { id: 43n, x: 0.1, y: -0.5, label: '', n: 1 },
      // One text larger than a part of its own.
      { id: 44n, x: 2 ** 53 + 2, y: 3e38, label: 'é'.repeat(70_000), n: 2 },
    ];
    const many = sources(0, 20_000);
    expect(many.data.parts.length).toBeGreaterThan(3);

    await runPipelined(client, ['BEGIN', objects(rows), many, 'COMMIT']);

    expect(await storedObjects()).toEqual(stored(rows));
    expect(await storedSources()).toEqual(expectedSources(0, 20_000));
  });

  it('leaves a COPY without rows out: no error, nothing stored for it', async () => {
    // Sent, this COPY would fail: the table has no column "missing".
    const empty: CopyStep = { ...objects([]), columns: ['id', 'missing'] };

    await runPipelined(client, ['BEGIN', empty, sources(0, 3), objects([]), 'COMMIT']);
    await runPipelined(client, [objects([])]);

    expect(await storedObjects()).toEqual([]);
    expect(await storedSources()).toEqual(expectedSources(0, 3));
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('rejects a unique violation in the second COPY; back to the savepoint, the connection carries on', async () => {
    await admin.query(`INSERT INTO pipe.src (id, obj_id, note) VALUES (5, 0, 'stored before')`);
    const first: Obj[] = [1n, 2n, 3n].map((id) => ({ id, x: 1, y: 1, label: 'first attempt', n: 1 }));
    const retry: Obj[] = [1n, 2n, 3n].map((id) => ({ id, x: 2, y: 2, label: 'retry', n: 2 }));
    const later: Obj[] = [4n, 5n].map((id) => ({ id, x: 3, y: 3, label: 'after the failing COPY', n: 3 }));

    // The duplicate comes early in 3 MB of data: most of it, and the COPY after it, are still on their way.
    const attempt = runPipelined(client, [
      'BEGIN',
      'SAVEPOINT s',
      objects(first),
      sources(0, 50_000),
      objects(later),
      'COMMIT',
    ]);
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect(error).toMatchObject({ code: '23505', constraint: 'src_pkey' });

    await client.query('ROLLBACK TO SAVEPOINT s');
    // The first attempt's objects are gone (else their ids collide), and a COPY reads only its own data.
    await runPipelined(client, [objects(retry), sources(100, 3), 'COMMIT']);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

    expect(await storedObjects()).toEqual(stored(retry));
    expect(await storedSources()).toEqual(['5|0|stored before', ...expectedSources(100, 3)]);
  });

  it('rejects an error in a statement before the COPYs, and the connection answers afterwards', async () => {
    const rows: Obj[] = [{ id: 1n, x: 1, y: 1, label: 'never stored', n: 1 }];

    const inTransaction = runPipelined(client, [
      'BEGIN',
      'SELECT 1/0',
      objects(rows),
      sources(0, 20_000),
      'COMMIT',
    ]);
    await expect(inTransaction).rejects.toMatchObject({ code: '22012' });
    await client.query('ROLLBACK');
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

    const alone = runPipelined(client, ['SELECT 1/0', objects(rows), sources(0, 20_000)]);
    await expect(alone).rejects.toMatchObject({ code: '22012' });
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

    expect(await storedObjects()).toEqual([]);
    expect(await storedSources()).toEqual([]);
  });
});

// A call that never settles fails these tests at their 10 s timeout.
describe('runPipelined when the connection dies', () => {
  const backendPid = async (c: pg.Client): Promise<number> =>
    (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const waitingForLock = async (pid: number): Promise<boolean> =>
    (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [pid]))
      .rowCount === 1;

  it('rejects when the backend is terminated while a large COPY is still being sent', async () => {
    const errors: unknown[] = [];
    client.on('error', (e) => errors.push(e));
    const pid = await backendPid(client);
    // The COPY waits for this lock: the server stops reading, so the data stays on its way.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN; LOCK TABLE pipe.src IN ACCESS EXCLUSIVE MODE');
      const big = sources(0, 400_000);

      const call = runPipelined(client, ['BEGIN', big, 'COMMIT']);
      await waitFor(() => waitingForLock(pid), 'the COPY waiting for the lock');
      const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
      expect(socket.writableLength).toBeGreaterThan(0);
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);

      await expect(call).rejects.toThrow();
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    expect(await storedSources()).toEqual([]);
    await waitFor(() => errors.length > 0, 'the client reporting its lost connection');
  }, 10_000);

  it('rejects when the backend was terminated just before the call, and every call after', async () => {
    client.on('error', () => undefined);
    await admin.query('SELECT pg_terminate_backend($1)', [await backendPid(client)]);

    await expect(runPipelined(client, ['BEGIN', sources(0, 20_000), 'COMMIT'])).rejects.toThrow();
    await expect(runPipelined(client, ['BEGIN', sources(0, 3), 'COMMIT'])).rejects.toThrow();
  }, 10_000);
});
