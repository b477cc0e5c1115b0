import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '@opshub/db';
import { createTestDatabase, type TestDatabase } from '@opshub/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlReader } from '../src/sql/sql-reader.repository.js';
import { SqlRunFiles } from '../src/sql/sql-run-files.js';
import { SqlRunRepository } from '../src/sql/sql-run.repository.js';
import { DEFAULT_SQL_SETTINGS, SqlService } from '../src/sql/sql.service.js';

let database: TestDatabase;
let db: Db;
let sql: { service: SqlService; pool: pg.Pool };
let dir: string;
// 2^53 + 1: a bigint a JSON double would round.
const BIG = 9_007_199_254_740_993n;

beforeAll(async () => {
  database = await createTestDatabase('sql-query');
  db = createDb(database.url, { max: 2 });
  dir = await mkdtemp(join(tmpdir(), 'sql-query-'));
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const settings = { ...DEFAULT_SQL_SETTINGS, maxRows: 5, timeoutMs: 300, resultsDir: dir };
  sql = {
    pool,
    service: new SqlService(new SqlReader(pool), new SqlRunRepository(db), new SqlRunFiles(dir), settings),
  };
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(
    `INSERT INTO alerts.dia_forced_source (dia_forced_source_id, dia_object_id, mid_point_tai, filter_name, ps_flux, ps_flux_err)
     SELECT $1::bigint + i, 42, 60000 + i, 'ugrizY'::text, i * 1.5, 0.25 FROM generate_series(0, 9) AS i`,
    [BIG.toString()],
  );
  await admin.end();
});
afterAll(async () => {
  await sql?.pool.end();
  await db?.$disconnect();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The refusal's code and message, or a failure when the query ran. */
async function refusal(query: string, params: unknown[] = []): Promise<{ code: unknown; message: string }> {
  try {
    await sql.service.query(query, params);
  } catch (error) {
    const e = error as { extensions?: Record<string, unknown>; message: string };
    return { code: e.extensions?.['code'], message: e.message };
  }
  throw new Error(`"${query}" was not refused`);
}

describe('sqlQuery: reads as the reader role', () => {
  it('binds parameters, keeps bigints exact as strings, names columns and their types', async () => {
    const result = await sql.service.query(
      'SELECT dia_forced_source_id AS id, mid_point_tai, ps_flux, filter_name, now() AS at FROM dia_forced_source WHERE dia_forced_source_id = $1 AND filter_name = $2',
      [BIG.toString(), 'ugrizY'],
    );
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'bigint'],
      ['mid_point_tai', 'double precision'],
      ['ps_flux', 'real'],
      ['filter_name', 'text'],
      ['at', 'timestamp with time zone'],
    ]);
    expect(result.rows).toHaveLength(1);
    const [id, mjd, flux, band, at] = result.rows[0]!;
    expect([id, mjd, flux, band]).toEqual(['9007199254740993', 60000, 0, 'ugrizY']);
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(result).toMatchObject({ rowCount: 1, truncated: false });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('caps the rows and says the result was truncated', async () => {
    const capped = await sql.service.query('SELECT dia_forced_source_id FROM dia_forced_source ORDER BY 1');
    expect(capped).toMatchObject({ rowCount: 5, truncated: true });
    const exact = await sql.service.query('SELECT * FROM dia_forced_source ORDER BY 1 LIMIT 5');
    expect(exact).toMatchObject({ rowCount: 5, truncated: false });
  });

  it('numeric stays an exact decimal string, arrays and json keep their shape', async () => {
    const { rows } = await sql.service.query(
      `SELECT 12345678901234567890.123456789::numeric AS n, ARRAY[$1::bigint, 2] AS ids, '{"a": [1, true]}'::jsonb AS j, NULL AS nothing`,
      [BIG.toString()],
    );
    expect(rows[0]).toEqual([
      '12345678901234567890.123456789',
      ['9007199254740993', '2'],
      { a: [1, true] },
      null,
    ]);
  });
});

describe('sqlQuery: what is refused, with a code saying why', () => {
  it.each([
    ['INSERT INTO dia_forced_source VALUES (1, 1, 1, $$g$$, 1, 1)', 'FORBIDDEN', /cannot write/],
    ['UPDATE dia_forced_source SET ps_flux = 0', 'FORBIDDEN', /cannot write/],
    ['DELETE FROM dia_forced_source', 'FORBIDDEN', /cannot write/],
    ['COPY dia_forced_source TO STDOUT', 'FORBIDDEN', /cannot write/],
    ['DROP TABLE dia_forced_source', 'FORBIDDEN', /no DDL/],
    ['CREATE TABLE x (a int)', 'FORBIDDEN', /no DDL/],
    ['SET ROLE postgres', 'FORBIDDEN', /SET is refused/],
    ['RESET ROLE', 'FORBIDDEN', /RESET is refused/],
    ['SET SESSION AUTHORIZATION postgres', 'FORBIDDEN', /SET is refused/],
    ['COMMIT', 'FORBIDDEN', /COMMIT is refused/],
    [`SELECT set_config('role', 'none', true)`, 'FORBIDDEN', /set_config is refused/],
    [`SELECT pg_catalog."SET_CONFIG"('role', 'none', true)`, 'FORBIDDEN', /set_config is refused/],
    [`SELECT set_config /* a comment */ ('role', 'none', true)`, 'FORBIDDEN', /set_config is refused/],
    [`SELECT E'\\' ' set_config('role', 'none', true) '`, 'FORBIDDEN', /set_config is refused/],
    [
      `SELECT query_to_xml('select * from ops."user"', true, false, '')`,
      'FORBIDDEN',
      /query_to_xml is refused/,
    ],
    [`SELECT pg_read_file('/etc/passwd')`, 'FORBIDDEN', /pg_read_file is refused/],
    [`SELECT lo_import('/etc/passwd')`, 'FORBIDDEN', /lo_import is refused/],
    [`SELECT dblink('host=x', 'select 1')`, 'FORBIDDEN', /dblink is refused/],
    [`SELECT U&"d\\0069a_forced_source" FROM x`, 'BAD_USER_INPUT', /Unicode-escaped/],
  ])('%s', async (query, code, message) => {
    const r = await refusal(query);
    expect(r.code).toBe(code);
    expect(r.message).toMatch(message);
  });

  it('a second statement smuggling a write is refused whole, and nothing was written', async () => {
    const r = await refusal('SELECT 1; DELETE FROM dia_forced_source');
    expect(r).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/One statement per query/) });
    const { rows } = await sql.service.query('SELECT count(*)::int FROM dia_forced_source');
    expect(rows[0]).toEqual([10]);
  });

  it('a write inside a query (data-modifying WITH, a sequence) is stopped by the database', async () => {
    expect(
      await refusal('WITH d AS (DELETE FROM dia_forced_source RETURNING *) SELECT * FROM d'),
    ).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/cannot write/),
    });
    expect(await refusal(`SELECT nextval('alerts.sql_run_id_seq')`)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a read outside the alerts schema is FORBIDDEN and names what was denied', async () => {
    expect(await refusal('SELECT * FROM ops."user"')).toEqual({
      code: 'FORBIDDEN',
      message: 'Read-only SQL reads the alerts schema only: permission denied for schema ops',
    });
    expect(await refusal('SELECT * FROM workflow.ous')).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the quarantine, the runs of every user and the outbox are not readable', async () => {
    for (const table of ['alert_quarantine', 'sql_run', 'outbox'])
      expect(await refusal(`SELECT * FROM ${table}`)).toEqual({
        code: 'FORBIDDEN',
        message: `Read-only SQL reads the alerts schema only: permission denied for table ${table}`,
      });
  });

  it('a query past its statement timeout is cancelled with a clear error', async () => {
    const r = await refusal('SELECT pg_sleep(5)');
    expect(r.code).toBe('BAD_USER_INPUT');
    expect(r.message).toMatch(/longer than its 300 ms timeout/);
  });

  it('syntax errors and unknown tables are BAD_USER_INPUT with the database message', async () => {
    expect(await refusal('SELEC 1')).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refusal('SELECT * FROM nowhere')).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'relation "nowhere" does not exist',
    });
  });
});

describe('the reader without the guard: the database holds on its own', () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
  });
  afterAll(() => pool.end());
  const raw = (query: string): Promise<unknown> =>
    new SqlReader(pool).read([{ query, params: [] }], 1_000, (c) => c.fetch(10));

  it('refuses a write, a statement that is not a query, and a role switch it cannot see', async () => {
    await expect(raw('INSERT INTO dia_forced_source VALUES (1, 1, 1, $$g$$, 1, 1)')).rejects.toThrow(
      /syntax error/,
    );
    await expect(
      raw('WITH d AS (DELETE FROM dia_forced_source RETURNING *) SELECT * FROM d'),
    ).rejects.toThrow(/data-modifying/);
    await expect(raw(`SELECT nextval('alerts.sql_run_id_seq')`)).rejects.toThrow(
      /permission denied|read-only/,
    );
    // lo_create runs in a read-only transaction (the guard refuses it by name); the rollback undoes it.
    await raw('SELECT lo_create(0)');
    const objects = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_largeobject_metadata');
    expect(objects.rows[0]?.n).toBe(0);
    await expect(raw(`SELECT pg_read_file('/etc/hostname')`)).rejects.toThrow(/permission denied/);
    await expect(raw(`SELECT set_config('role', 'none', true)`)).rejects.toThrow(
      /switched its database role/,
    );
  });
});
