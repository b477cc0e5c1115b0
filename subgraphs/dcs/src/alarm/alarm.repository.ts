import { Prisma, type Db } from '@opshub/db';

export type AlarmRow = NonNullable<Awaited<ReturnType<Db['alarm']['findUnique']>>>;

export interface OutboxRow {
  id: bigint;
  stream: string;
  payload: Prisma.JsonValue;
}

/** Publishes one outbox row to its event stream; returns the event id. */
export type PublishRow = (row: OutboxRow) => Promise<string>;

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export class AlarmRepository {
  constructor(private readonly db: Db) {}

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

  /**
   * The write path, right after its commit: publishes the stream's unpublished rows up to `id` in
   * id order under row locks (waiting for rows another publisher holds), so no row goes out twice
   * and none overtakes an older one. Leaves everything to the relay (null) when more than
   * `maxRows` wait. Returns the event id of row `id`, or null when it was not published here.
   */
  publishThrough(id: bigint, stream: string, maxRows: number, publish: PublishRow): Promise<string | null> {
    return this.db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SET LOCAL lock_timeout = '5s'`;
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, stream, payload FROM dcs.outbox
          WHERE stream = ${stream} AND published_at IS NULL AND id <= ${id}
          ORDER BY id LIMIT ${maxRows + 1}
          FOR UPDATE`;
        if (rows.length > maxRows) return null;
        const { published } = await publishInOrder(tx, rows, publish);
        return published.get(id) ?? null;
      },
      { maxWait: 5_000, timeout: 30_000 },
    );
  }

  /**
   * The relay: claims up to `take` unpublished rows created before `olderThan` with
   * `FOR UPDATE SKIP LOCKED` and publishes them in id order, stopping before the first older
   * unpublished row another publisher holds. A failure is returned, not thrown, so the rows
   * published before it stay marked.
   */
  relayBatch(
    olderThan: Date,
    take: number,
    publish: PublishRow,
  ): Promise<{ published: number; full: boolean; failed?: unknown }> {
    return this.db.$transaction(
      async (tx) => {
        const claimed = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, stream, payload FROM dcs.outbox
          WHERE published_at IS NULL AND created_at < ${olderThan}
          ORDER BY id LIMIT ${take}
          FOR UPDATE SKIP LOCKED`;
        if (claimed.length === 0) return { published: 0, full: false };
        const last = claimed.at(-1)!.id;
        const waiting = await tx.$queryRaw<{ id: bigint }[]>`
          SELECT id FROM dcs.outbox WHERE published_at IS NULL AND id <= ${last} ORDER BY id`;
        const ours = new Set(claimed.map((r) => r.id));
        const held = waiting.find((w) => !ours.has(w.id))?.id;
        const rows = held === undefined ? claimed : claimed.filter((r) => r.id < held);
        const { published, failed } = await publishInOrder(tx, rows, publish);
        return {
          published: published.size,
          full: held === undefined && claimed.length === take && failed === undefined,
          ...(failed === undefined ? {} : { failed }),
        };
      },
      { maxWait: 5_000, timeout: 60_000 },
    );
  }
}

/** Publishes rows in order until one fails; marks the published ones in the same transaction. */
async function publishInOrder(
  tx: Tx,
  rows: OutboxRow[],
  publish: PublishRow,
): Promise<{ published: Map<bigint, string>; failed?: unknown }> {
  const published = new Map<bigint, string>();
  let failed: unknown;
  for (const row of rows) {
    try {
      published.set(row.id, await publish(row));
    } catch (error) {
      failed = error;
      break;
    }
  }
  if (published.size > 0) {
    await tx.dcsOutbox.updateMany({
      where: { id: { in: [...published.keys()] } },
      data: { publishedAt: new Date() },
    });
  }
  return failed === undefined ? { published } : { published, failed };
}
