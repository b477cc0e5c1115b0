import { avroTypeOf } from '@opshub/alerts/elasticc';
import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertStreamServer, type AlertStreamServer } from '../src/alert-stream/alert-stream-server.js';

let sim: AlertStreamServer;

beforeAll(async () => {
  sim = await startAlertStreamServer({ initialBatches: 3, pageSize: 2, seed: 3 });
});
afterAll(async () => {
  await sim?.close();
});

const get = (path: string): Promise<Response> => fetch(new URL(path, sim.url));

describe('the simulated alert source', () => {
  it('lists its batches after a cursor, a page at a time, each with the cursor that follows it', async () => {
    const names = sim.names();
    const first = (await (await get('batches')).json()) as {
      batches: { name: string; cursor: string }[];
      next: string;
    };
    expect(first.batches.map((b) => b.name)).toEqual(names.slice(0, 2));
    expect(first.next).toBe(first.batches[1]!.cursor);
    const second = (await (
      await get(`batches?after=${encodeURIComponent(first.next)}`)
    ).json()) as typeof first;
    expect(second.batches.map((b) => b.name)).toEqual(names.slice(2));
    const none = (await (
      await get(`batches?after=${encodeURIComponent(second.next)}`)
    ).json()) as typeof first;
    expect(none).toEqual({ batches: [], next: second.next });
  });

  it('serves each batch as an Avro container of elasticc.v0_9_1 alerts, with its truth', async () => {
    const name = sim.names()[0]!;
    const response = await get(`batches/${name}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    const records: Record<string, unknown>[] = [];
    await new Promise<void>((resolve, reject) => {
      const decoder = new avro.streams.BlockDecoder({ parseHook: (schema) => avroTypeOf(schema) });
      decoder.on('data', (r: Record<string, unknown>) => records.push(r));
      decoder.on('end', resolve);
      decoder.on('error', reject);
      decoder.end(bytes);
    });
    expect(records.length).toBeGreaterThan(0);
    expect(Object.keys(records[0]!)).toEqual([
      'alertId',
      'diaSource',
      'prvDiaSources',
      'prvDiaForcedSources',
      'diaObject',
    ]);
    const truth = (await (await get(`batches/${name}/truth`)).text()).trim().split('\n');
    expect(truth.filter((l) => JSON.parse(l).kind === 'source')).toHaveLength(records.length);
    expect((await get('batches/batch-99999999.avro')).status).toBe(404);
  });

  it('serves bytes put as a batch with no truth (404)', async () => {
    const name = sim.putBatch(Buffer.from('not avro'));
    expect(Buffer.from(await (await get(`batches/${name}`)).arrayBuffer()).toString()).toBe('not avro');
    expect((await get(`batches/${name}/truth`)).status).toBe(404);
  });
});
