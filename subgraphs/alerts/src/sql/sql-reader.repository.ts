import type { SqlPool } from '@opshub/db';
import { ForbiddenError, ServiceUnavailableError } from '@opshub/errors';
import type pg from 'pg';
import { TEXT_TYPES } from './sql-values.js';

/** The Postgres role read-only SQL runs as (migration 20261202192000_alerts_sql_reader). */
export const SQL_READER_ROLE = 'opshub_alerts_reader';

/** One statement and its bind parameters ($1, $2, …). */
export interface SqlStatement {
  query: string;
  params: readonly unknown[];
}

export interface SqlColumn {
  name: string;
  /** Postgres' name of its type (`bigint`, `double precision`, `timestamp with time zone`…). */
  type: string;
  oid: number;
}

/** Rows of the last statement, fetched in batches, each value Postgres' text. */
export interface SqlCursor {
  fetch(rows: number): Promise<{ columns: SqlColumn[]; rows: (string | null)[][] }>;
}

const CURSOR = 'opshub_sql';

/**
 * Runs statements the way read-only SQL must run: one READ ONLY transaction, SET LOCAL ROLE to the
 * reader, a statement timeout, search_path = alerts, UTC; each statement alone through the extended
 * protocol (a second one is refused by Postgres) as a cursor (so it must be a query); rolled back
 * whatever happens. Only this repository touches the reader's SQL.
 */
export class SqlReader {
  constructor(private readonly pool: SqlPool) {}

  async read<T>(
    statements: readonly SqlStatement[],
    timeoutMs: number,
    consume: (cursor: SqlCursor) => Promise<T>,
  ): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL ROLE ${SQL_READER_ROLE}`).catch((error: unknown) => {
        // Not the query's fault: the database lacks the role or the app's user its membership.
        throw new ServiceUnavailableError(
          'database',
          `Read-only SQL is not set up in this database (${error instanceof Error ? error.message : String(error)}): see migration 20261202192000_alerts_sql_reader`,
        );
      });
      await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
      await client.query('SET LOCAL search_path = alerts');
      await client.query(`SET LOCAL TIME ZONE 'UTC'`);
      const last = statements.length - 1;
      for (const [i, statement] of statements.entries()) {
        // queryMode 'extended' even without parameters: the simple protocol would accept "a; b".
        const declare = {
          text: `DECLARE ${CURSOR}_${i} NO SCROLL CURSOR FOR ${statement.query}`,
          values: [...statement.params],
          queryMode: 'extended',
        };
        await client.query(declare);
        if (i < last) await client.query(`MOVE ALL IN ${CURSOR}_${i}`);
      }
      const result = await consume(this.cursor(client, `${CURSOR}_${last}`));
      // The database lets a query switch back to the session's role (set_config('role', …)); the
      // guard refuses the ways to do it that it knows, and this catches any it does not.
      const who = await client.query<{ role: string }>('SELECT current_user AS role');
      if (who.rows[0]?.role !== SQL_READER_ROLE)
        throw new ForbiddenError('The query switched its database role: refused, nothing is returned');
      return result;
    } finally {
      // A connection that cannot roll back is not handed to anyone else.
      await client.query('ROLLBACK').catch((error: unknown) => {
        broken = error instanceof Error ? error : new Error(String(error));
      });
      client.release(broken);
    }
  }

  private cursor(client: pg.PoolClient, name: string): SqlCursor {
    let columns: SqlColumn[] | undefined;
    return {
      fetch: async (count) => {
        const result = await client.query<(string | null)[]>({
          text: `FETCH ${Math.max(1, Math.floor(count))} FROM ${name}`,
          rowMode: 'array',
          types: TEXT_TYPES,
        });
        columns ??= await this.describe(client, result.fields);
        return { columns, rows: result.rows };
      },
    };
  }

  private async describe(client: pg.PoolClient, fields: readonly pg.FieldDef[]): Promise<SqlColumn[]> {
    const oids = [...new Set(fields.map((f) => f.dataTypeID))];
    const names = await client.query<{ oid: number; name: string }>(
      'SELECT oid::int AS oid, pg_catalog.format_type(oid, NULL) AS name FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
      [oids],
    );
    const typeOf = new Map(names.rows.map((r) => [r.oid, r.name]));
    return fields.map((f) => ({
      name: f.name,
      oid: f.dataTypeID,
      type: typeOf.get(f.dataTypeID) ?? 'unknown',
    }));
  }
}
