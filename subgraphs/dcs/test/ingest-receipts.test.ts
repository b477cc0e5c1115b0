// The bridge's write path on a real database: a batch the database refuses is bisected down to the
// message at fault (M1), and QoS 1 receipts make a redelivered or retried message stored once (M2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDcsDemo, type IncomingMessage } from '../src/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('dcsingestreceipts');
  await seedDcsDemo(h.db);
});

afterAll(async () => {
  await h?.close();
});

const rows = async (metric: string): Promise<number[]> =>
  (
    await h.db.$queryRawUnsafe<{ value: number }[]>(
      "SELECT value FROM dcs.reading WHERE device_id = 'ESP01' AND metric = $1 ORDER BY value",
      metric,
    )
  ).map((r) => r.value);

const message = (metric: string, value: number, packetId?: number, redelivered = false): IncomingMessage => ({
  topic: `ESP01/sensors/${metric}`,
  payload: Buffer.from(String(value)),
  receivedAt: new Date(),
  ...(packetId !== undefined ? { packetId } : {}),
  ...(redelivered ? { redelivered } : {}),
});

describe('ingest', () => {
  it('bisects a batch the database refuses and dead-letters only the message at fault', async () => {
    // A rule of the database the parser does not know about: a value it refuses.
    await h.db.$executeRawUnsafe(
      "ALTER TABLE dcs.reading ADD CONSTRAINT test_refuses_666 CHECK (metric <> 'BME/temp' OR value <> 666)",
    );
    try {
      const batch = Array.from({ length: 64 }, (_, i) => message('BME/temp', i === 41 ? 666 : i + 1));
      const committed: IncomingMessage[] = [];
      const result = await h.services.ingest.ingest('', batch, {
        clientId: 'bisect',
        onCommitted: (ms) => committed.push(...ms),
      });
      expect(result).toMatchObject({ stored: 63, deadLettered: 1, duplicates: 0 });
      // log2(64) halvings: a handful of transactions, not 64.
      expect(result.transactions).toBeLessThanOrEqual(13);
      expect(new Set(committed)).toEqual(new Set(batch));
      expect(await rows('BME/temp')).toHaveLength(63);
      const [letter] = await h.db.$queryRawUnsafe<{ payload: string; reason: string }[]>(
        "SELECT payload, reason FROM dcs.dead_letter WHERE topic = 'ESP01/sensors/BME/temp'",
      );
      expect(letter).toEqual({
        payload: '666',
        reason: expect.stringMatching(/^not stored: .*test_refuses_666/),
      });
    } finally {
      await h.db.$executeRawUnsafe('ALTER TABLE dcs.reading DROP CONSTRAINT test_refuses_666');
    }
  });

  it('stores a QoS 1 message once whether it is retried or delivered again, and a reused packet id anew', async () => {
    const clientId = 'receipts';
    const first = [message('DS/temp', 1, 7), message('DS/temp', 2, 8)];
    expect(await h.services.ingest.ingest('', first, { clientId })).toMatchObject({
      stored: 2,
      duplicates: 0,
    });
    // The broker delivers both again (DUP: their PUBACKs were lost), or the bridge retries a batch
    // whose commit went through: stored already.
    const again = first.map((m) => ({ ...m, redelivered: true }));
    expect(await h.services.ingest.ingest('', again, { clientId })).toMatchObject({
      stored: 0,
      duplicates: 2,
    });
    // A first delivery that reuses packet id 7 is a new message (its receipt replaces the old one),
    // even when its content is the same as before.
    const reused = [message('DS/temp', 3, 7), message('DS/temp', 2, 8)];
    expect(await h.services.ingest.ingest('', reused, { clientId })).toMatchObject({
      stored: 2,
      duplicates: 0,
    });
    expect(
      await h.services.ingest.ingest('', [{ ...reused[0]!, redelivered: true }], { clientId }),
    ).toMatchObject({ stored: 0, duplicates: 1 });
    // Once the PUBACK is through the receipt goes: a later message with the same id and content is new.
    expect(await h.services.ingest.forget(clientId, reused)).toBe(2);
    expect(await h.services.ingest.ingest('', [message('DS/temp', 3, 7, true)], { clientId })).toMatchObject({
      stored: 1,
      duplicates: 0,
    });
    expect(await rows('DS/temp')).toEqual([1, 2, 2, 3, 3]);
  });
});
