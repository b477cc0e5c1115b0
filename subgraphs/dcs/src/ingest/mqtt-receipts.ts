import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * `dcs.mqtt_receipt`: the QoS 1 messages of a bridge (its MQTT client id) whose batch has committed
 * but whose PUBACK may not have reached the broker. Written in the batch's transaction, deleted once
 * the PUBACK is known to be through. A message the broker delivers again (DUP) whose packet id and
 * digest are there is acknowledged again and not stored a second time.
 */
export interface Receipt {
  packetId: number;
  digest: string;
}

/** What identifies a message's content: SHA-256 of topic and payload (hex, 32 chars). */
export function messageDigest(topic: string, payload: Buffer): string {
  return createHash('sha256').update(topic).update('\u0000').update(payload).digest('hex').slice(0, 32);
}

/** The receipts among `packetIds` (packet id → digest). */
export async function receiptsOf(
  client: pg.ClientBase,
  clientId: string,
  packetIds: readonly number[],
): Promise<Map<number, string>> {
  if (packetIds.length === 0) return new Map();
  const { rows } = await client.query<{ packet_id: number; digest: string }>(
    'SELECT packet_id, digest FROM dcs.mqtt_receipt WHERE client_id = $1 AND packet_id = ANY($2::int[])',
    [clientId, [...new Set(packetIds)]],
  );
  return new Map(rows.map((r) => [r.packet_id, r.digest]));
}

/** Records receipts (a packet id the broker reused replaces its old receipt). */
export async function recordReceipts(
  client: pg.ClientBase,
  clientId: string,
  receipts: readonly Receipt[],
): Promise<void> {
  if (receipts.length === 0) return;
  // One row per packet id (the last one wins): ON CONFLICT may not touch a row twice.
  const byId = new Map(receipts.map((r) => [r.packetId, r.digest]));
  await client.query(
    `INSERT INTO dcs.mqtt_receipt (client_id, packet_id, digest, at)
     SELECT $1, p, d, now() FROM unnest($2::int[], $3::text[]) AS r(p, d)
     ON CONFLICT (client_id, packet_id) DO UPDATE SET digest = EXCLUDED.digest, at = EXCLUDED.at`,
    [clientId, [...byId.keys()], [...byId.values()]],
  );
}

/** Deletes receipts whose PUBACK went through (only if still the same message: packet id and digest). */
export async function forgetReceipts(
  client: pg.Pool | pg.ClientBase,
  clientId: string,
  receipts: readonly Receipt[],
): Promise<number> {
  if (receipts.length === 0) return 0;
  const result = await client.query(
    `DELETE FROM dcs.mqtt_receipt r USING unnest($2::int[], $3::text[]) AS f(p, d)
     WHERE r.client_id = $1 AND r.packet_id = f.p AND r.digest = f.d`,
    [clientId, receipts.map((r) => r.packetId), receipts.map((r) => r.digest)],
  );
  return result.rowCount ?? 0;
}
