import { describe, expect, it } from 'vitest';
import { isReadOnlyStatement } from './replica-sql.js';

describe('isReadOnlyStatement', () => {
  it.each([
    'SELECT "t0"."id", "t0"."updated_at" FROM "dqm"."runs" AS "t0" WHERE "t0"."id" = $1 LIMIT $2',
    '  /* prisma */ SELECT count(*) FROM "ops"."users"',
    '-- a comment\nWITH x AS (SELECT 1) SELECT * FROM x',
    '(SELECT 1) UNION (SELECT 2)',
    "SELECT 'insert into nothing' AS words",
    'SELECT "update" FROM "t"',
    'SELECT pg_is_in_recovery()',
    'VALUES (1), (2)',
    'SHOW server_version',
    'SELECT 1;',
  ])('reads: %s', (sql) => {
    expect(isReadOnlyStatement(sql)).toBe(true);
  });

  it.each([
    'INSERT INTO "ops"."users" ("id") VALUES ($1) RETURNING "id"',
    'UPDATE "dqm"."runs" SET "x" = 1',
    'DELETE FROM t',
    'WITH moved AS (DELETE FROM a RETURNING *) SELECT * FROM moved',
    'SELECT id FROM "dcs"."outbox" WHERE id = $1 FOR UPDATE',
    'SELECT id FROM t FOR NO KEY UPDATE SKIP LOCKED',
    'SELECT id FROM t FOR SHARE',
    'SELECT * INTO copy FROM t',
    "SELECT nextval('s')",
    'SELECT pg_advisory_xact_lock(42)',
    "SELECT pg_notify('c', 'p')",
    "SELECT set_config('a.b', 'c', false)",
    'SELECT pg_current_wal_lsn()',
    'SELECT 1; DELETE FROM t',
    'BEGIN',
    'COMMIT',
    'CREATE TABLE t (id int)',
    'SET search_path TO x',
  ])('needs the primary: %s', (sql) => {
    expect(isReadOnlyStatement(sql)).toBe(false);
  });
});
