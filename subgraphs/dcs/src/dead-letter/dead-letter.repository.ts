import type { Db } from '@opshub/db';
import type pg from 'pg';

export interface DeadLetterRow {
  id: bigint;
  topic: string;
  /** At most the first 4 kB of the payload (as text, see `payloadText`). */
  payload: string;
  reason: string;
  /** The whole payload's size and SHA-256 (hex), whatever was kept of it. */
  payloadBytes: number;
  payloadSha256: string | null;
  receivedAt: Date;
}

export type NewDeadLetter = Omit<DeadLetterRow, 'id'>;

/** Writes dead letters on `client`, inside the caller's transaction (the bridge's batch). */
export async function insertDeadLetters(
  client: pg.ClientBase,
  rows: readonly NewDeadLetter[],
): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO dcs.dead_letter (topic, payload, reason, payload_bytes, payload_sha256, received_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[])`,
    [
      rows.map((r) => r.topic),
      rows.map((r) => r.payload),
      rows.map((r) => r.reason),
      rows.map((r) => r.payloadBytes),
      rows.map((r) => r.payloadSha256),
      rows.map((r) => r.receivedAt),
    ],
  );
}

export class DeadLetterRepository {
  constructor(private readonly db: Db) {}

  async add(rows: readonly NewDeadLetter[]): Promise<void> {
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
