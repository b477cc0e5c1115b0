import { OutboxTable, Prisma, type Db, type PublishRow } from '@opshub/db';

export type AlarmRow = NonNullable<Awaited<ReturnType<Db['alarm']['findUnique']>>>;

export type { OutboxRow, PublishRow } from '@opshub/db';

export class AlarmRepository {
  private readonly outbox: OutboxTable;

  constructor(private readonly db: Db) {
    this.outbox = new OutboxTable(db, 'dcs.outbox');
  }

  /**
   * Creates the alarm and its event in one transaction, unless one with the same active key is
   * still raised (then null).
   */
  async raise(
    data: {
      rule: string;
      deviceId: string | null;
      severity: AlarmRow['severity'];
      message: string;
      activeKey: string;
    },
    stream: string,
    eventOf: (row: AlarmRow) => unknown,
  ): Promise<{ alarm: AlarmRow; outboxId: bigint; event: unknown } | null> {
    try {
      return await this.db.$transaction(async (tx) => {
        const alarm = await tx.alarm.create({ data });
        const event = eventOf(alarm);
        const outbox = await tx.dcsOutbox.create({
          data: { stream, payload: event as Prisma.InputJsonValue },
        });
        return { alarm, outboxId: outbox.id, event };
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') return null;
      throw error;
    }
  }

  async clear(activeKey: string, at: Date): Promise<number> {
    const { count } = await this.db.alarm.updateMany({
      where: { activeKey },
      data: { activeKey: null, clearedAt: at },
    });
    return count;
  }

  activeKeys(): Promise<{ activeKey: string | null }[]> {
    return this.db.alarm.findMany({ where: { activeKey: { not: null } }, select: { activeKey: true } });
  }

  findById(id: string): Promise<AlarmRow | null> {
    return this.db.alarm.findUnique({ where: { id } });
  }

  /** Acknowledges once: a second acknowledgement keeps the first one's who and when. */
  async acknowledge(id: string, by: string | null, at: Date): Promise<AlarmRow | null> {
    await this.db.alarm.updateMany({
      where: { id, acknowledgedAt: null },
      data: { acknowledgedAt: at, acknowledgedBy: by },
    });
    return this.findById(id);
  }

  list(active: boolean | undefined, take: number): Promise<AlarmRow[]> {
    return this.db.alarm.findMany({
      where: active === undefined ? {} : active ? { clearedAt: null } : { clearedAt: { not: null } },
      orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  /** The write path's publication of alarm events, under row locks (see `OutboxTable`). */
  publishThrough(id: bigint, stream: string, maxRows: number, publish: PublishRow): Promise<string | null> {
    return this.outbox.publishThrough(id, stream, maxRows, publish);
  }

  /** The relay's claim-and-publish of alarm events left behind (see `OutboxTable`). */
  relayBatch(
    olderThan: Date,
    take: number,
    publish: PublishRow,
  ): Promise<{ published: number; full: boolean; failed?: unknown }> {
    return this.outbox.relayBatch(olderThan, take, publish);
  }
}
