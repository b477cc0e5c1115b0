import type { Db } from '@opshub/db';
import type { SqlRunState } from '@opshub/db/enums';

export interface SqlRunRow {
  id: bigint;
  userId: string;
  state: SqlRunState;
  query: string;
  params: unknown;
  submittedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  rowCount: bigint | null;
  error: string | null;
  errorCode: string | null;
}

/** The `alerts.sql_run` rows: submitted runs, their state and outcome. */
export class SqlRunRepository {
  constructor(private readonly db: Db) {}

  create(userId: string, query: string, params: readonly unknown[]): Promise<SqlRunRow> {
    return this.db.sqlRun.create({ data: { userId, query, params: params as never } });
  }

  find(id: bigint): Promise<SqlRunRow | null> {
    return this.db.sqlRun.findUnique({ where: { id } });
  }

  /** A user's runs, newest first (keyset on id < before). */
  page(userId: string, take: number, beforeId?: bigint): Promise<SqlRunRow[]> {
    return this.db.sqlRun.findMany({
      where: { userId, ...(beforeId !== undefined ? { id: { lt: beforeId } } : {}) },
      orderBy: { id: 'desc' },
      take,
    });
  }

  count(userId: string): Promise<number> {
    return this.db.sqlRun.count({ where: { userId } });
  }

  /** QUEUED (or a RUNNING one whose worker died, retried) → RUNNING; false when it is already finished. */
  async start(id: bigint): Promise<boolean> {
    const { count } = await this.db.sqlRun.updateMany({
      where: { id, state: { in: ['QUEUED', 'RUNNING'] } },
      data: { state: 'RUNNING', startedAt: new Date() },
    });
    return count === 1;
  }

  async succeed(id: bigint, rowCount: number): Promise<void> {
    await this.db.sqlRun.update({
      where: { id },
      data: {
        state: 'SUCCEEDED',
        rowCount: BigInt(rowCount),
        finishedAt: new Date(),
        error: null,
        errorCode: null,
      },
    });
  }

  async fail(id: bigint, error: string, errorCode: string): Promise<void> {
    await this.db.sqlRun.update({
      where: { id },
      data: { state: 'FAILED', error, errorCode, finishedAt: new Date() },
    });
  }
}
