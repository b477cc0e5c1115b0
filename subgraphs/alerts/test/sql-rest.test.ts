import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { INTERNAL_HEADER, signInternal, type Principal } from '@opshub/auth';
import { createLogger } from '@opshub/config';
import { startSubgraphServer } from '@opshub/subgraph-kit';
import { TEST_SECRET } from '@opshub/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestRequest } from '../src/rest/rest-handler.js';
import { runSqlQueryHandler } from '../src/sql/runsqlquery.rest.js';
import { SqlReader } from '../src/sql/sql-reader.repository.js';
import { SqlRunFiles } from '../src/sql/sql-run-files.js';
import { SqlRunRepository } from '../src/sql/sql-run.repository.js';
import { DEFAULT_SQL_SETTINGS, SqlService } from '../src/sql/sql.service.js';
import { sqlRunResultHandler } from '../src/sql/sqlrunresult.rest.js';
import { sqlRunResultRoute } from '../src/sql/sqlrunresult.route.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let dir: string;
const sqlUser: Principal = {
  id: '00000000-0000-4000-8000-0000000005a1',
  username: 'sci',
  roles: ['VIEWER', 'SQL'],
};
const viewer: Principal = { id: '00000000-0000-4000-8000-0000000000f1', username: 'v', roles: ['VIEWER'] };

beforeAll(async () => {
  h = await startHarness('sql-rest');
  dir = await mkdtemp(join(tmpdir(), 'sql-rest-'));
  await h.db.$executeRawUnsafe(
    `INSERT INTO alerts.dia_forced_source (dia_forced_source_id, dia_object_id, mid_point_tai, filter_name, ps_flux, ps_flux_err)
     SELECT 9007199254740993 + i, 100 + i % 3, 60000 + i, CASE WHEN i < 3 THEN 'SN-like' ELSE 'other' END, i, 0.5
     FROM generate_series(0, 5) AS i`,
  );
});
afterAll(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const request = (body: unknown, user: Principal | null = sqlUser, query = {}): RestRequest => ({
  body,
  query,
  ...(user ? { user } : {}),
  requestId: 'r1',
  baseUrl: 'http://hub',
});

describe('POST /db/runsqlquery/ as the TOM answers it', () => {
  const run = (body: unknown, user?: Principal) => runSqlQueryHandler(h.services.sql)(request(body, user));

  it('takes psycopg2 placeholders (a list as a tuple, %% as %) and answers rows with exact bigints', async () => {
    const reply = await run({
      query:
        "SELECT dia_forced_source_id, filter_name FROM dia_forced_source WHERE dia_object_id IN %(objs)s AND filter_name LIKE 'SN%%' AND ps_flux >= %(min)s ORDER BY 1",
      subdict: { objs: [100, 101], min: 0 },
    });
    expect(reply).toEqual({
      status: 200,
      body: {
        status: 'ok',
        rows: [
          { dia_forced_source_id: 9_007_199_254_740_993n, filter_name: 'SN-like' },
          { dia_forced_source_id: 9_007_199_254_740_994n, filter_name: 'SN-like' },
        ],
      },
    });
  });

  it('runs a list of queries in one read-only transaction and answers the last; format 1 is columnar', async () => {
    const reply = await run({
      query: ['SELECT 1', 'SELECT %(a)s::int AS a, %(b)s AS b'],
      subdict: [{}, { a: 7, b: 'x' }],
      format: 1,
    });
    expect(reply).toEqual({ status: 200, body: { status: 'ok', data: { a: [7], b: ['x'] } } });
  });

  it('refuses a write, a read outside alerts and a smuggled statement with a code and why', async () => {
    expect(await run({ query: 'DELETE FROM dia_forced_source' })).toEqual({
      status: 403,
      body: { status: 'error', code: 'FORBIDDEN', error: 'DELETE is refused: read-only SQL cannot write' },
    });
    expect(await run({ query: 'SELECT * FROM ops."user"' })).toMatchObject({
      status: 403,
      body: {
        status: 'error',
        code: 'FORBIDDEN',
        error: expect.stringMatching(/permission denied for schema ops/),
      },
    });
    expect(await run({ query: 'SELECT 1; DELETE FROM dia_forced_source' })).toMatchObject({
      status: 400,
      body: { status: 'error', code: 'BAD_USER_INPUT' },
    });
    expect(await h.db.diaForcedSource.count()).toBe(6);
  });

  it('answers bad bodies, missing values, callers without the SQL role and no caller in JSON with a code', async () => {
    expect(await run({ q: 'SELECT 1' })).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
    expect(await run({ query: 'SELECT %(x)s' })).toMatchObject({
      status: 400,
      body: { error: 'No value for the placeholder %(x)s in subdict' },
    });
    expect(await run({ query: 'SELECT 1', format: 2 })).toMatchObject({ status: 400 });
    expect(await run({ query: 'SELECT 1' }, viewer)).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect(await runSqlQueryHandler(h.services.sql)(request({ query: 'SELECT 1' }, null))).toMatchObject({
      status: 401,
      body: { status: 'error', code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses more rows than the cap instead of cutting them silently', async () => {
    const reply = await run({ query: 'SELECT generate_series(1, 10001)' });
    expect(reply).toMatchObject({
      status: 400,
      body: { code: 'BAD_USER_INPUT', error: expect.stringMatching(/more than 10000 rows/) },
    });
  });
});

/** A run of `query` by the SQL user, executed as the worker does: its files written in the test's directory. */
async function executedRun(query: string): Promise<{ id: string; sql: SqlService }> {
  const run = await h.db.sqlRun.create({ data: { userId: sqlUser.id, query, params: [] } });
  const id = run.id.toString();
  const pool = new pg.Pool({ connectionString: h.databaseUrl, max: 1 });
  const sql = new SqlService(new SqlReader(pool), new SqlRunRepository(h.db), new SqlRunFiles(dir), {
    ...DEFAULT_SQL_SETTINGS,
    resultsDir: dir,
  });
  await sql.execute(id);
  await pool.end();
  return { id, sql };
}

describe('GET /db/sqlrunresult/ and GraphQL', () => {
  it('serves a run file to its owner as a stream, 404 to others, 400 for an unknown format', async () => {
    const { id, sql } = await executedRun('SELECT 1 AS one');
    const handler = sqlRunResultHandler(sql);
    const reply = await handler(request(undefined, sqlUser, { id, format: 'csv' }));
    expect(reply.status).toBe(200);
    expect(reply.headers).toEqual({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="sql-run-${id}.csv"`,
    });
    let text = '';
    for await (const chunk of reply.body as Readable) text += String(chunk);
    expect(text).toBe('one\r\n1\r\n');
    expect(await handler(request(undefined, viewer, { id, format: 'csv' }))).toMatchObject({ status: 404 });
    expect(await handler(request(undefined, sqlUser, { id, format: 'xml' }))).toMatchObject({ status: 400 });
  });

  it('writes text a spreadsheet would run as a formula defused, and numbers as they are', async () => {
    // A value in the alerts tables comes from a broker or a survey; a column name from whoever wrote the query.
    const query = `SELECT '=HYPERLINK("http://evil/")'::text AS "=cmd", -12.5::numeric AS n, -3::int AS i,
                          -0.25::float8 AS f, '-2'::text AS t, 'a;b'::text AS s, ''::text AS e, NULL::text AS z`;
    const { id, sql } = await executedRun(query);
    const reply = await sqlRunResultHandler(sql)(request(undefined, sqlUser, { id, format: 'csv' }));
    let text = '';
    for await (const chunk of reply.body as Readable) text += String(chunk);
    expect(text).toBe(
      `'=cmd,n,i,f,t,s,e,z\r\n"'=HYPERLINK(""http://evil/"")",-12.5,-3,-0.25,'-2,"a;b","",\r\n`,
    );
  });

  it('serves the file over HTTP at /db/sqlrunresult/ under the TOM prefix, signed like every internal call', async () => {
    const { id, sql } = await executedRun('SELECT 2::bigint AS two');
    const log = createLogger('sql-rest', 'silent');
    const server = await startSubgraphServer({
      name: 'alerts',
      schema: h.schema,
      host: '127.0.0.1',
      port: 0,
      secret: TEST_SECRET,
      log,
      routes: sqlRunResultRoute(sql, log),
    });
    const get = (user: Principal, format: string) =>
      fetch(`${new URL(server.url).origin}/internal/tom/db/sqlrunresult/?id=${id}&format=${format}`, {
        headers: {
          [INTERNAL_HEADER]: signInternal(TEST_SECRET, 'alerts', { requestId: randomUUID(), user }),
        },
      });
    try {
      const ok = await get(sqlUser, 'json');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('application/json');
      expect(await ok.text()).toBe('[\n{"two":2}\n]\n');
      const other = await get(viewer, 'csv');
      expect(other.status).toBe(404);
      expect(await other.json()).toMatchObject({ status: 'error', code: 'NOT_FOUND' });
    } finally {
      await server.close();
    }
  });

  it("pages a user's history newest first by cursor, and refuses a cursor of another list", async () => {
    const pager: Principal = { id: '00000000-0000-4000-8000-0000000000c1', username: 'p', roles: ['SQL'] };
    for (const n of [1, 2, 3])
      await h.db.sqlRun.create({ data: { userId: pager.id, query: `SELECT ${n}`, params: [] } });
    const first = await h.services.sql.history(pager, { first: 2 });
    expect(first.edges.map((e) => e.node.query)).toEqual(['SELECT 3', 'SELECT 2']);
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = await h.services.sql.history(pager, { first: 2, after: first.pageInfo.endCursor! });
    expect(rest.edges.map((e) => e.node.query)).toEqual(['SELECT 1']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    await expect(h.services.sql.history(pager, { after: 'bm9wZQ' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('sqlQuery needs the SQL role; an admin gets columns, rows and the cap', async () => {
    const q = `query($q: String!, $p: [JSON!]) { sqlQuery(query: $q, params: $p) {
      columns { name type } rows rowCount truncated elapsedMs } }`;
    const vars = {
      q: 'SELECT dia_forced_source_id AS id FROM dia_forced_source WHERE ps_flux < $1 ORDER BY 1',
      p: [2],
    };
    const denied = await h.exec(q, vars, 'VIEWER');
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const ok = await h.exec<{ sqlQuery: Record<string, unknown> }>(q, vars, 'ADMIN');
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.sqlQuery).toMatchObject({
      columns: [{ name: 'id', type: 'bigint' }],
      rows: [['9007199254740993'], ['9007199254740994']],
      rowCount: 2,
      truncated: false,
    });
    const runs = await h.exec<{ sqlRuns: { totalCount: number } }>('{ sqlRuns { totalCount } }', {}, 'ADMIN');
    expect(runs.data?.sqlRuns.totalCount).toBe(0);
  });
});
