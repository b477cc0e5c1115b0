// The bulk pool (COPY batches) when Postgres kills its connections: a connection killed while checked
// out between a transaction's statements is an error for that batch, not an uncaught exception, and
// the pool serves the next batch on a fresh connection.
import { createTestDatabase, type TestDatabase } from '@opshub/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '../src/sql-pool.js';

let database: TestDatabase;
let admin: pg.Client;
let pool: SqlPool;

beforeAll(async () => {
  database = await createTestDatabase('dcs-sql-pool');
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  pool = createSqlPool(database.url, 2);
});

afterAll(async () => {
  await pool?.end();
  await admin?.end();
  await database?.drop();
});

describe('createSqlPool', () => {
  it('survives a connection killed between statements of a transaction', async () => {
    const client = await pool.connect();
    await client.query('BEGIN');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const ended = new Promise<void>((resolve) => client.once('end', resolve));
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    // The 'error' the killed connection raises while no query runs on it would be uncaught here.
    await ended;
    await expect(client.query('COMMIT')).rejects.toThrow();
    client.release(true);

    const next = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(next.rows).toEqual([{ one: 1 }]);
  });
});
