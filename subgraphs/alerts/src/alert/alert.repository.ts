import type { Alert as AlertRow, Db } from '@opshub/db';

export type { AlertRow };

export class AlertRepository {
  constructor(private readonly db: Db) {}

  findById(id: bigint): Promise<AlertRow | null> {
    return this.db.alert.findUnique({ where: { id } });
  }
}
