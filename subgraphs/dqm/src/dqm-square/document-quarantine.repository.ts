import type { Db } from '@opshub/db';

export interface QuarantinedDocument {
  /** The document id as `quarantineName` redacts it. */
  name: string;
  reason: string;
}

/** Agents' refused documents in the dqm quarantine (`dqmQuarantine`), beside NectarCAM's refused files. */
export class DocumentQuarantineRepository {
  constructor(private readonly db: Db) {}

  /** Records each document once: one quarantined again (a sync retried) keeps its latest reason. */
  async replace(documents: readonly QuarantinedDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const latest = new Map(documents.map((d) => [d.name, d]));
    await this.db.$transaction([
      this.db.dqmQuarantine.deleteMany({ where: { sourceId: null, name: { in: [...latest.keys()] } } }),
      this.db.dqmQuarantine.createMany({
        data: [...latest.values()].map((d) => ({ name: d.name, reason: d.reason })),
      }),
    ]);
  }
}
