import { hasRole, type Principal } from '@opshub/auth';
import { Role } from '@opshub/db/enums';
import {
  BadUserInputError,
  ConflictError,
  ErrorCode,
  isExpected,
  NotFoundError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from '@opshub/errors';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import type { EventBus } from '@opshub/events';
import { GraphQLError } from 'graphql';
import { ALERTS_STREAMS, type SqlRunUpdatedEvent } from '../events.js';
import { sqlRefusal } from './sql-errors.js';
import { checkQuery } from './sql-guard.js';
import type { SqlColumn, SqlCursor, SqlReader, SqlStatement } from './sql-reader.repository.js';
import { RunDeadlineError, type SqlRunFiles } from './sql-run-files.js';
import type { SqlRunRepository, SqlRunRow } from './sql-run.repository.js';
import { cellValue, type BigintMode } from './sql-values.js';

/** The read-only SQL settings (ALERTS_SQL_* in packages/config). */
export interface SqlSettings {
  /** Statement timeout of an interactive query, ms. */
  timeoutMs: number;
  /** Rows an interactive query returns at most. */
  maxRows: number;
  /** Timeout of a submitted run (each fetch and the whole run), ms. */
  runTimeoutMs: number;
  /** Where runs' files are written and served from. */
  resultsDir: string;
}

/** The ALERTS_SQL_* defaults, for a process that reads no settings (the seed, the CLI, tests). */
export const DEFAULT_SQL_SETTINGS: SqlSettings = {
  timeoutMs: 15_000,
  maxRows: 10_000,
  runTimeoutMs: 600_000,
  resultsDir: '.opshub/products/sql-runs',
};

/** Enqueues a submitted run (the `run-sql-query` job). */
export interface SqlJobs {
  enqueue(runId: string): Promise<void>;
}

/** What the alerts composition root passes for read-only SQL. */
export interface SqlDeps {
  /** The ALERTS_SQL_* settings (default: their defaults). */
  settings?: SqlSettings;
  /** Enqueues submitted runs; without it, submitSqlQuery answers SERVICE_UNAVAILABLE. */
  jobs?: SqlJobs;
}

export interface SqlRows {
  columns: SqlColumn[];
  /** Each row's values in column order, JSON-safe (sql-values.ts). */
  rows: unknown[][];
}

export interface SqlQueryResult extends SqlRows {
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
}

export interface SqlRunFile {
  path: string;
  contentType: string;
  fileName: string;
}

const FETCH_BATCH = 1_000;

/** Where a run's file is downloaded from (the TOM router's `GET /db/sqlrunresult/`, through the gateway). */
export const sqlRunFileUrl = (runId: string, format: 'csv' | 'json'): string =>
  `/db/sqlrunresult/?id=${runId}&format=${format}`;

function parseRunId(id: string): bigint {
  if (!/^\d{1,19}$/.test(id)) throw new NotFoundError('SqlRun', id);
  return BigInt(id);
}

/**
 * Read-only SQL on the alerts schema: interactive queries (row cap, timeout), the TOM's
 * runsqlquery, and submitted runs executed by the workers into CSV and JSON files, each user
 * seeing only their own (admins: every run's files).
 */
export class SqlService {
  constructor(
    private readonly reader: SqlReader,
    private readonly runs: SqlRunRepository,
    private readonly files: SqlRunFiles,
    readonly settings: SqlSettings,
    private readonly jobs?: SqlJobs,
    private readonly events?: EventBus,
  ) {}

  /** One query, at most `maxRows` rows (`truncated` when there were more); bigints as strings. */
  async query(query: string, params: readonly unknown[] = []): Promise<SqlQueryResult> {
    const started = performance.now();
    const { maxRows } = this.settings;
    const { columns, rows } = await this.read([{ query, params }], (c) => c.fetch(maxRows + 1));
    const kept = rows.slice(0, maxRows);
    return {
      ...this.values(columns, kept, 'string'),
      rowCount: kept.length,
      truncated: rows.length > maxRows,
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  /**
   * The TOM's runsqlquery: the statements in one transaction, the last one's rows, bigints as
   * BigInt (exact JSON numbers). More than `maxRows` rows is refused, never cut silently.
   */
  async queryAll(statements: readonly SqlStatement[]): Promise<SqlRows> {
    const { maxRows } = this.settings;
    const { columns, rows } = await this.read(statements, (c) => c.fetch(maxRows + 1));
    if (rows.length > maxRows)
      throw new BadUserInputError(
        `The query returns more than ${maxRows} rows: add a LIMIT, or submit it as a run (submitSqlQuery) for CSV and JSON files`,
        { maxRows },
      );
    return this.values(columns, rows, 'bigint');
  }

  /** Queues a run; refused at once when the guard refuses the query. */
  async submit(user: Principal, query: string, params: readonly unknown[] = []): Promise<SqlRunRow> {
    checkQuery(query);
    if (!this.jobs)
      throw new ServiceUnavailableError(
        'job queue',
        'Submitted runs need the job queue, which this process has not',
      );
    const run = await this.runs.create(user.id, query, params);
    try {
      await this.jobs.enqueue(run.id.toString());
    } catch (error) {
      await this.runs.fail(
        run.id,
        'The job queue did not take the run; submit it again',
        ErrorCode.SERVICE_UNAVAILABLE,
      );
      throw error;
    }
    return run;
  }

  /** The caller's runs, newest first. */
  async history(user: Principal, args: PageArgs): Promise<ConnectionShape<SqlRunRow>> {
    const { first, after } = pageArgs(args);
    const before = after ? String(after[0]) : undefined;
    if (before !== undefined && !/^\d{1,19}$/.test(before))
      throw new BadUserInputError('after is not a cursor of this list', { argument: 'after' });
    const beforeId = before === undefined ? undefined : BigInt(before);
    const [rows, total] = await Promise.all([
      this.runs.page(user.id, first + 1, beforeId),
      this.runs.count(user.id),
    ]);
    return toConnection(
      rows,
      first,
      total,
      (r) => r,
      (r) => [r.id.toString()],
    );
  }

  /**
   * Runs a submitted query into its files (the worker's job). A query the database or the guard
   * refuses, or one past its timeout, fails the run with why (no retry); anything else is thrown
   * for the queue to retry.
   */
  async execute(runId: string): Promise<SqlRunRow | null> {
    const id = parseRunId(runId);
    if (!(await this.runs.start(id))) return this.runs.find(id);
    const run = await this.runs.find(id);
    if (!run) return null;
    await this.announce(run);
    const { runTimeoutMs } = this.settings;
    const deadline = Date.now() + runTimeoutMs;
    try {
      const params = Array.isArray(run.params) ? (run.params as unknown[]) : [];
      const count = await this.read(
        [{ query: run.query, params }],
        (cursor) => this.files.write(runId, cursor, FETCH_BATCH, deadline),
        runTimeoutMs,
      );
      await this.runs.succeed(id, count);
    } catch (error) {
      const refusal =
        error instanceof RunDeadlineError
          ? new BadUserInputError(`The run went past its ${runTimeoutMs} ms timeout and was stopped`)
          : error instanceof GraphQLError && isExpected(error)
            ? error
            : undefined;
      if (!refusal) throw error;
      await this.files.remove(runId);
      await this.runs.fail(id, refusal.message, String(refusal.extensions['code']));
    }
    const finished = await this.runs.find(id);
    if (finished) await this.announce(finished);
    return finished;
  }

  /** The caller's runs as they change state, each read again from its row. */
  async updates(user: Principal): Promise<AsyncIterable<SqlRunRow>> {
    if (!this.events)
      throw new ServiceUnavailableError(
        'events',
        'Run updates need the event bus, which this process has not',
      );
    const source = await this.events.subscribe<SqlRunUpdatedEvent>(ALERTS_STREAMS.sqlRunUpdated);
    const events = source[Symbol.asyncIterator]();
    // An iterator, not a generator: an unsubscribe ends the source at once instead of after the next event.
    const kept: AsyncIterableIterator<SqlRunRow> = {
      [Symbol.asyncIterator]: () => kept,
      next: async () => {
        for (;;) {
          const r = await events.next();
          if (r.done) return { done: true, value: undefined };
          if (r.value.payload.userId !== user.id) continue;
          const run = await this.runs.find(parseRunId(r.value.payload.runId));
          if (run) return { done: false, value: run };
        }
      },
      return: async () => {
        await events.return?.();
        return { done: true, value: undefined };
      },
    };
    return kept;
  }

  private async announce(run: SqlRunRow): Promise<void> {
    const event: SqlRunUpdatedEvent = { runId: run.id.toString(), userId: run.userId, state: run.state };
    // Best-effort (events.ts): the row is already written; a lost event only delays a live view.
    await this.events?.publish(ALERTS_STREAMS.sqlRunUpdated, 'SqlRunUpdated', event).catch(() => undefined);
  }

  /** A run whose last attempt failed for a reason not its own: recorded, so it does not stay RUNNING. */
  async abandon(runId: string, reason: string): Promise<void> {
    await this.runs.fail(
      parseRunId(runId),
      `The run could not be completed: ${reason}`,
      ErrorCode.INTERNAL_SERVER_ERROR,
    );
  }

  /** A run's CSV or JSON file, for its owner or an admin; others are told it does not exist. */
  async file(user: Principal | undefined, runId: string, format: 'csv' | 'json'): Promise<SqlRunFile> {
    if (!user) throw new UnauthenticatedError();
    const run = await this.runs.find(parseRunId(runId));
    if (!run || !hasRole(user, Role.SQL) || (run.userId !== user.id && !hasRole(user, Role.ADMIN)))
      throw new NotFoundError('SqlRun', runId);
    if (run.state !== 'SUCCEEDED')
      throw new ConflictError(`Run ${runId} is ${run.state}: its files exist once it has SUCCEEDED`);
    return {
      path: this.files.path(runId, format),
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
      fileName: `sql-run-${runId}.${format}`,
    };
  }

  private async read<T>(
    statements: readonly SqlStatement[],
    consume: (cursor: SqlCursor) => Promise<T>,
    timeoutMs = this.settings.timeoutMs,
  ): Promise<T> {
    if (statements.length === 0) throw new BadUserInputError('No query');
    for (const s of statements) checkQuery(s.query);
    try {
      return await this.reader.read(statements, timeoutMs, consume);
    } catch (error) {
      throw sqlRefusal(error, timeoutMs) ?? error;
    }
  }

  private values(columns: SqlColumn[], rows: (string | null)[][], bigints: BigintMode): SqlRows {
    return {
      columns,
      rows: rows.map((row) => row.map((text, i) => cellValue(text, columns[i]?.oid ?? 0, bigints))),
    };
  }
}
