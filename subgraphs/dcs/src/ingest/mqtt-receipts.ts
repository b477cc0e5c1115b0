import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

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

/**
 * Records receipts with COPY (an upsert per row would cost about as much as the readings). A packet
 * id the broker delivers again for a new message replaces its old receipt: when one is still there
 * (after a reconnect), the COPY fails on the key, is rolled back to a savepoint, and the old receipts
 * of these packet ids are deleted first.
 */
export async function recordReceipts(
  client: pg.ClientBase,
  clientId: string,
  receipts: readonly Receipt[],
): Promise<void> {
  if (receipts.length === 0) return;
  // Client ids are MQTT client ids: no tab, newline or backslash (checked, not escaped).
  if (/[\\\t\n\r]/.test(clientId)) throw new Error('an MQTT client id with a tab, newline or backslash');
  // One row per packet id (the last one wins).
  const byId = new Map(receipts.map((r) => [r.packetId, r.digest]));
  let text = '';
  for (const [packetId, digest] of byId) text += `${clientId}\t${packetId}\t${digest}\n`;
  const copy = () =>
    pipeline(
      Readable.from([text]),
      client.query(copyFrom('COPY dcs.mqtt_receipt (client_id, packet_id, digest) FROM STDIN')),
    );
  await client.query('SAVEPOINT receipts');
  try {
    await copy();
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23505') throw error;
    await client.query('ROLLBACK TO SAVEPOINT receipts');
    await client.query('DELETE FROM dcs.mqtt_receipt WHERE client_id = $1 AND packet_id = ANY($2::int[])', [
      clientId,
      [...byId.keys()],
    ]);
    await copy();
  }
  await client.query('RELEASE SAVEPOINT receipts');
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
