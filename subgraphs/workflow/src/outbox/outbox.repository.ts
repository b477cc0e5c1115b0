import type { Db, Prisma } from '@opshub/db';

export interface OutboxRow {
  id: bigint;
  stream: string;
  payload: Prisma.JsonValue;
}

/** Publishes one row to the event stream; returns the event id. */
export type PublishRow = (row: OutboxRow) => Promise<string>;

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * The workflow outbox. Every publication happens while the rows are locked, so two publishers (the
 * write path and the relay, or two relays) never publish the same row; rows are published in id
 * order, which for one OUS is the order of its transitions (they are serialised by its version).
 */
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /**
   * The write path, right after its commit: publishes the stream's unpublished rows up to `id`
   * (older ones first, e.g. left by a Redis outage), waiting for rows another publisher holds.
   * Leaves everything to the relay (null) when more than `maxRows` are waiting. Returns the event
   * id of row `id`, or null when it was not published here (already published, or left).
   */
  publishThrough(id: bigint, stream: string, maxRows: number, publish: PublishRow): Promise<string | null> {
    return this.db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SET LOCAL lock_timeout = '5s'`;
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, stream, payload FROM workflow.outbox
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
   * unpublished row held by another publisher (so nothing overtakes it). Returns how many were
   * published and whether the batch was full (call again).
   */
  relayBatch(
    olderThan: Date,
    take: number,
    publish: PublishRow,
  ): Promise<{ published: number; full: boolean; failed?: unknown }> {
    return this.db.$transaction(
      async (tx) => {
        const claimed = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, stream, payload FROM workflow.outbox
          WHERE published_at IS NULL AND created_at < ${olderThan}
          ORDER BY id LIMIT ${take}
          FOR UPDATE SKIP LOCKED`;
        if (claimed.length === 0) return { published: 0, full: false };
        const last = claimed.at(-1)!.id;
        // Unpublished rows below our last claimed one that we could not claim are held by another publisher.
        const waiting = await tx.$queryRaw<{ id: bigint }[]>`
          SELECT id FROM workflow.outbox WHERE published_at IS NULL AND id <= ${last} ORDER BY id`;
        const ours = new Set(claimed.map((r) => r.id));
        const held = waiting.find((w) => !ours.has(w.id))?.id;
        const rows = held === undefined ? claimed : claimed.filter((r) => r.id < held);
        const { published, failed } = await publishInOrder(tx, rows, publish);
        // A failure is returned, not thrown: the rows published before it must stay marked.
        return {
          published: published.size,
          full: held === undefined && claimed.length === take && failed === undefined,
          ...(failed === undefined ? {} : { failed }),
        };
      },
      { maxWait: 5_000, timeout: 60_000 },
    );
  }

  /** Published rows are kept a day for inspection, then removed (in batches: never a long lock). */
  async prune(before: Date, batch = 5_000): Promise<{ count: number }> {
    let count = 0;
    for (;;) {
      const n = await this.db.$executeRaw`
        DELETE FROM workflow.outbox WHERE id IN (
          SELECT id FROM workflow.outbox WHERE published_at < ${before} ORDER BY id LIMIT ${batch})`;
      count += n;
      if (n < batch) return { count };
    }
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
    await tx.workflowOutbox.updateMany({
      where: { id: { in: [...published.keys()] } },
      data: { publishedAt: new Date() },
    });
  }
  return failed === undefined ? { published } : { published, failed };
}
