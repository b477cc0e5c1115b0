import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertStreamServer, type AlertStreamServer } from '../src/alert-stream/alert-stream-server.js';
import { seeded } from '../src/alert-stream/light-curves.js';
import { startPullBroker, type PullBroker } from '../src/brokers/pull-broker.js';
import { classifyAlert, leafClasses } from '../src/brokers/taxonomy-classifier.js';

let stream: AlertStreamServer;
let broker: PullBroker;

beforeAll(async () => {
  stream = await startAlertStreamServer({ initialBatches: 2, population: 10, seed: 9 });
  broker = await startPullBroker({ streamUrl: stream.url, seed: 4 });
});
afterAll(async () => {
  await broker?.close();
  await stream?.close();
});

describe('simulated brokers', () => {
  it("classify with the taxonomy's leaf classes, the truth first for a perfect classifier", () => {
    const profile = {
      brokerName: 'b',
      brokerVersion: '1',
      classifierName: 'c',
      classifierParams: '',
      accuracy: 1,
    };
    const record = classifyAlert({ alertId: '1', diaSourceId: '1', gentype: 10 }, profile, seeded(1), 0) as {
      classifications: { classId: number; probability: number }[];
    };
    expect(record.classifications[0]!.classId).toBe(2222);
    const total = record.classifications.reduce((sum, c) => sum + c.probability, 0);
    expect(total).toBeCloseTo(1, 3);
    const leaves = new Set(leafClasses().map((c) => c.classId));
    for (const c of record.classifications) expect(leaves.has(c.classId)).toBe(true);
  });

  it("follows the alert stream and serves each alert's records after a cursor", async () => {
    const alerts = await broker.follow();
    expect(alerts).toBeGreaterThan(0);
    expect(broker.size).toBe(alerts * 2);
    const page = (await (await fetch(`${broker.url}?after=1&limit=3`)).json()) as {
      records: { alertId: string }[];
      next: string;
    };
    expect(page.records).toHaveLength(3);
    expect(page.next).toBe('4');
    const end = (await (await fetch(`${broker.url}?after=${broker.size}`)).json()) as {
      records: unknown[];
      next: string;
    };
    expect(end).toEqual({ records: [], next: String(broker.size) });
    // Nothing new in the stream: nothing classified again.
    expect(await broker.follow()).toBe(0);
    expect((await fetch(`${broker.url}?after=x`)).status).toBe(400);
  });
});
