import { deleteInBatches } from './batched-delete.js';
import type { Db } from './client.js';
import { Prisma } from './generated/client.js';

/**
 * Every domain's outbox table: same columns (id, stream, payload, created_at, published_at). The one
 * relay and the one retention go through this list; a new domain with events adds its table here.
 */
export const OUTBOX_TABLES = ['workflow.outbox', 'dcs.outbox', 'dqm.outbox', 'alerts.outbox'] as const;

export type OutboxTableName = (typeof OUTBOX_TABLES)[number];

export interface OutboxRow {
  id: bigint;
  stream: string;
  payload: Prisma.JsonValue;
}

/** Publishes one outbox row to its event stream; returns the event id. */
export type PublishRow = (row: OutboxRow) => Promise<string>;

/** The transaction client a repository's `$transaction` callback receives. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * One domain's transactional outbox, published under row locks: two publishers (the write path and
 * the relay, or two relays) never publish the same row, and rows go out in id order — for one
 * aggregate, the order of its changes. Delivery is at least once: each event carries its outbox id.
 */
export class OutboxTable {
  private readonly table: Prisma.Sql;

  constructor(
    private readonly db: Db,
    readonly name: OutboxTableName,
  ) {
    // A literal of the list above, never input: safe as an identifier.
    this.table = Prisma.raw(name);
  }

  /**
   * Writes an event inside the caller's transaction, so it commits (or not) with the change it
   * announces. Returns the row id, for `publishThrough` once the transaction has committed.
   */
  async append(tx: Tx, stream: string, payload: unknown): Promise<bigint> {
    const [row] = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO ${this.table} (stream, payload) VALUES (${stream}, ${JSON.stringify(payload)}::jsonb)
      RETURNING id`;
    return row!.id;
  }

  /**
   * The write path, right after its commit: publishes the stream's unpublished rows up to `id` in
   * id order (older ones first, e.g. left by a Redis outage), waiting for rows another publisher
   * holds. Leaves everything to the relay (null) when more than `maxRows` wait. Returns the event
   * id of row `id`, or null when it was not published here (already published, or left).
   */
  publishThrough(id: bigint, stream: string, maxRows: number, publish: PublishRow): Promise<string | null> {
    return this.db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SET LOCAL lock_timeout = '5s'`;
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, stream, payload FROM ${this.table}
          WHERE stream = ${stream} AND published_at IS NULL AND id <= ${id}
          ORDER BY id LIMIT ${maxRows + 1}
          FOR UPDATE`;
        if (rows.length > maxRows) return null;
        const { published } = await this.publishInOrder(tx, rows, publish);
        return published.get(id) ?? null;
      },
      { maxWait: 5_000, timeout: 30_000 },
    );
  }

  /**
   * The relay: claims up to `take` unpublished rows created before `olderThan` with
   * `FOR UPDATE SKIP LOCKED` and publishes them in id order, stopping before the first older
   * unpublished row another publisher holds (so nothing overtakes it). A failure is returned, not
   * thrown, so the rows published before it stay marked; `full` says to call again.
   */
  relayBatch(
    olderThan: Date,
    take: number,
    publish: PublishRow,
  ): Promise<{ published: number; full: boolean; failed?: unknown; heldBy?: bigint }> {
    return this.db.$transaction(
      async (tx) => {
        const claimed = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, stream, payload FROM ${this.table}
          WHERE published_at IS NULL AND created_at < ${olderThan}
          ORDER BY id LIMIT ${take}
          FOR UPDATE SKIP LOCKED`;
        if (claimed.length === 0) return { published: 0, full: false };
        const last = claimed.at(-1)!.id;
        // Unpublished rows below our last claimed one that we could not claim are held by another publisher.
        const waiting = await tx.$queryRaw<{ id: bigint }[]>`
          SELECT id FROM ${this.table} WHERE published_at IS NULL AND id <= ${last} ORDER BY id`;
        const ours = new Set(claimed.map((r) => r.id));
        const held = waiting.find((w) => !ours.has(w.id))?.id;
        const rows = held === undefined ? claimed : claimed.filter((r) => r.id < held);
        const { published, failed } = await this.publishInOrder(tx, rows, publish);
        return {
          published: published.size,
          full: held === undefined && claimed.length === take && failed === undefined,
          ...(failed === undefined ? {} : { failed }),
          ...(held === undefined || failed !== undefined ? {} : { heldBy: held }),
        };
      },
      { maxWait: 5_000, timeout: 60_000 },
    );
  }

  /**
   * Waits until no other transaction holds row `id` (a publisher publishing it), holding nothing
   * else meanwhile, so it cannot deadlock with that publisher.
   */
  async awaitRelease(id: bigint): Promise<void> {
    await this.db.$transaction(
      (tx) => tx.$queryRaw`SELECT id FROM ${this.table} WHERE id = ${id} FOR UPDATE`,
      { maxWait: 5_000, timeout: 60_000 },
    );
  }

  /** Deletes rows published before `before`, `batch` at a time (never a long lock). */
  async prune(before: Date, batch = 5_000): Promise<{ count: number }> {
    const count = await deleteInBatches(
      batch,
      () => this.db.$executeRaw`
        DELETE FROM ${this.table} WHERE id IN (
          SELECT id FROM ${this.table} WHERE published_at < ${before} ORDER BY id LIMIT ${batch})`,
    );
    return { count };
  }

  /** Publishes rows in order until one fails; marks the published ones in the same transaction. */
  private async publishInOrder(
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
      const ids = [...published.keys()];
      await tx.$executeRaw`UPDATE ${this.table} SET published_at = now() WHERE id IN (${Prisma.join(ids)})`;
    }
    return failed === undefined ? { published } : { published, failed };
  }
}
