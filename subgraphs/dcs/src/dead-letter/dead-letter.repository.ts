import type { Db } from '@opshub/db';

export interface DeadLetterRow {
  id: bigint;
  topic: string;
  payload: string;
  reason: string;
  receivedAt: Date;
}

export class DeadLetterRepository {
  constructor(private readonly db: Db) {}

  async add(rows: readonly Omit<DeadLetterRow, 'id'>[]): Promise<void> {
    if (rows.length > 0) await this.db.deadLetter.createMany({ data: [...rows] });
  }

  /** Newest first; keyset on id keeps pages stable while letters arrive. */
  page(take: number, beforeId?: bigint): Promise<DeadLetterRow[]> {
    return this.db.deadLetter.findMany({
      where: beforeId !== undefined ? { id: { lt: beforeId } } : {},
      orderBy: { id: 'desc' },
      take,
    });
  }

  count(): Promise<number> {
    return this.db.deadLetter.count();
  }
}
