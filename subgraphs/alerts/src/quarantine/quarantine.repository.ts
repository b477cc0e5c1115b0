import type { Db } from '@opshub/db';

export interface QuarantinedRow {
  id: bigint;
  source: string;
  position: number | null;
  alertId: bigint | null;
  reason: string;
  at: Date;
}

export class QuarantineRepository {
  constructor(private readonly db: Db) {}

  /** Newest first (descending id); the keyset (id < before) keeps pages stable while records arrive. */
  page(take: number, beforeId?: bigint): Promise<QuarantinedRow[]> {
    return this.db.alertQuarantine.findMany({
      where: beforeId !== undefined ? { id: { lt: beforeId } } : {},
      orderBy: { id: 'desc' },
      take,
      select: { id: true, source: true, position: true, alertId: true, reason: true, at: true },
    });
  }

  count(): Promise<number> {
    return this.db.alertQuarantine.count();
  }
}
