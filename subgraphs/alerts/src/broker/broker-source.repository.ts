import type { Db } from '@opshub/db';

export interface BrokerSourceRow {
  id: bigint;
  url: string;
  name: string;
  cursor: string | null;
  lastPulledAt: Date | null;
  lastError: string | null;
  loaded: bigint;
  createdAt: Date;
}

export class BrokerSourceRepository {
  constructor(private readonly db: Db) {}

  list(): Promise<BrokerSourceRow[]> {
    return this.db.brokerSource.findMany({ orderBy: { id: 'asc' } });
  }

  find(id: bigint): Promise<BrokerSourceRow | null> {
    return this.db.brokerSource.findUnique({ where: { id } });
  }

  /** Registers a source, or returns the one of that URL (renamed when the name differs). */
  upsert(url: string, name: string): Promise<BrokerSourceRow> {
    return this.db.brokerSource.upsert({ where: { url }, create: { url, name }, update: { name } });
  }

  async remove(id: bigint): Promise<boolean> {
    const { count } = await this.db.brokerSource.deleteMany({ where: { id } });
    return count > 0;
  }

  /**
   * A page stored: the cursor moves past it, only if it is still the cursor the page was asked after
   * (two pulls of one source at once: the second's page is not counted twice). False: lost the race.
   */
  async advance(id: bigint, from: string | null, next: string | null, loaded: number): Promise<boolean> {
    const { count } = await this.db.brokerSource.updateMany({
      where: { id, cursor: from },
      data: { cursor: next, loaded: { increment: loaded }, lastPulledAt: new Date(), lastError: null },
    });
    return count > 0;
  }

  async failed(id: bigint, error: string): Promise<void> {
    await this.db.brokerSource.updateMany({
      where: { id },
      data: { lastError: error, lastPulledAt: new Date() },
    });
  }
}
