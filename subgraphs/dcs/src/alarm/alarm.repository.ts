import { prismaErrorCode, UNIQUE_VIOLATION, type Db, type Tx } from '@opshub/db';
import type { Outbox } from '@opshub/events';

export type AlarmRow = NonNullable<Awaited<ReturnType<Db['alarm']['findUnique']>>>;

export class AlarmRepository {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox<Tx>,
  ) {}

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
  ): Promise<{ alarm: AlarmRow; outboxId: bigint } | null> {
    try {
      return await this.db.$transaction(async (tx) => {
        const alarm = await tx.alarm.create({ data });
        return { alarm, outboxId: await this.outbox.append(tx, stream, eventOf(alarm)) };
      });
    } catch (error) {
      if (prismaErrorCode(error) === UNIQUE_VIOLATION) return null;
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
}
