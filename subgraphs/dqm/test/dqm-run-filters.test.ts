import { gunzipSync } from 'node:zlib';
import { fromValues, parseNectarcamResults, type ArrayQuantity } from '@opshub/fits';
import { startNectarcamServer, type NectarcamServer } from '@opshub/simulators/nectarcam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badPixelCount, BAD_PIXEL_KEY } from '../src/nectarcam/nectarcam-ingest.service.js';
import { startHarness, type Harness } from './harness.js';

const RUNS = `query($camera: String, $fromRun: Int, $toRun: Int, $onlyBad: Boolean, $minBadPixels: Int, $first: Int, $after: String) {
  dqmRuns(camera: $camera, fromRun: $fromRun, toRun: $toRun, onlyBad: $onlyBad, minBadPixels: $minBadPixels, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { camera runNumber badPixels } }
  }
}`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { camera: string; runNumber: number; badPixels: number | null } }[];
}

let h: Harness;
let sim: NectarcamServer;

/** Little-endian int64 values, as the ingest stores an i64 quantity. */
const i64 = (values: number[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return out;
};

/**
 * A run of camera NectarCAM9 with `bad` of its 20 pixels flagged (no bad-pixel quantity when null), stored
 * as the ingest stores one: its quantities, and the run with badPixelCount of them.
 */
async function run(runNumber: number, bad: number | null, hour: number): Promise<void> {
  const key = { camera: 'NectarCAM9', runNumber };
  const values = Array.from({ length: 20 }, (_, p) => (bad !== null && p < bad ? 7 : 0));
  const quantity = (gain: 'HIGH' | 'LOW', v: number[]) => ({
    key: BAD_PIXEL_KEY,
    label: 'x',
    gain,
    field: '',
    unit: null,
    dtype: 'i64',
    shape: [20],
    values: i64(v),
  });
  // The low gain's bad pixels are not counted.
  const quantities =
    bad === null
      ? []
      : [
          quantity('HIGH', values),
          quantity(
            'LOW',
            values.map(() => 1),
          ),
        ];
  await h.db.dqmRun.create({
    data: {
      ...key,
      startedAt: new Date(Date.UTC(2026, 10, 1, hour)),
      badPixels: badPixelCount(quantities.map((q) => ({ ...q, values: Buffer.from(q.values) }))),
    },
  });
  if (quantities.length)
    await h.db.dqmQuantity.createMany({ data: quantities.map((q) => ({ ...key, ...q })) });
}

beforeAll(async () => {
  [h, sim] = await Promise.all([
    startHarness('dqmrunfilters'),
    startNectarcamServer({ camera: 'NectarCAMQM', firstRun: 8101, initialRuns: 2 }),
  ]);
  // Runs 500…509: bad pixels 0, 1, 2 … 8, and run 509 without the quantity.
  for (let i = 0; i < 10; i++) await run(500 + i, i === 9 ? null : i, i);
});
afterAll(async () => {
  await sim?.close();
  await h?.close();
});

async function page(vars: Record<string, unknown>): Promise<Page> {
  const result = await h.exec<{ dqmRuns: Page }>(RUNS, vars);
  expect(result.errors).toBeUndefined();
  return result.data!.dqmRuns;
}

async function runNumbers(vars: Record<string, unknown>): Promise<{ runs: number[]; total: number }> {
  const runs: number[] = [];
  let after: string | null = null;
  let total = -1;
  for (;;) {
    const p: Page = await page({ camera: 'NectarCAM9', first: 3, ...vars, after });
    total = p.totalCount;
    runs.push(...p.edges.map((e) => e.node.runNumber));
    if (!p.pageInfo.hasNextPage) return { runs, total };
    after = p.pageInfo.endCursor;
  }
}

describe('DqmRun.badPixels', () => {
  it('is stored with the quantity: the high gain’s non-zero values, null without the quantity', async () => {
    const p = await page({ camera: 'NectarCAM9', first: 10 });
    expect(p.edges.map((e) => [e.node.runNumber, e.node.badPixels])).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7, 8, null].map((bad, i) => [500 + i, bad]).reverse(),
    );
  });

  it('counts -0.0 as zero and NaN as non-zero, only at high gain', () => {
    const bytes = Buffer.alloc(5 * 8);
    [0, -0, Number.NaN, 1.5, -2].forEach((v, i) => bytes.writeDoubleLE(v, i * 8));
    const record = { key: BAD_PIXEL_KEY, label: 'x', field: '', unit: null, dtype: 'f64', shape: [5] };
    expect(badPixelCount([{ ...record, gain: 'HIGH', values: bytes }])).toBe(3);
    expect(badPixelCount([{ ...record, gain: 'LOW', values: bytes }])).toBeNull();
  });

  it('is counted at ingest for pulled runs, equal to the served file’s high-gain count', async () => {
    const added = await h.exec(
      'mutation($url: String!) { addNectarcamSource(url: $url) { id } }',
      { url: sim.url },
      'ADMIN',
    );
    expect(added.errors).toBeUndefined();
    expect((await h.services.nectarcamIngest.pull()).ingested).toBe(2);
    for (const runNumber of [8101, 8102]) {
      const tar = gunzipSync(sim.results(runNumber, runNumber));
      const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0.*$/, ''), 8);
      const q = parseNectarcamResults(tar.subarray(512, 512 + size)).quantities.find(
        (x): x is ArrayQuantity => x.kind === 'array' && x.key === BAD_PIXEL_KEY && x.gain === 'HIGH',
      )!;
      if (q.values.dtype === 'str') throw new Error('the bad-pixel quantity is numeric');
      const expected = Array.from(fromValues(q.values) as ArrayLike<number | bigint | boolean>).filter(
        (v) => v !== 0n && v !== 0 && v !== false,
      ).length;
      expect(expected).toBeGreaterThan(0);
      const stored = await h.db.dqmRun.findUniqueOrThrow({
        where: { camera_runNumber: { camera: 'NectarCAMQM', runNumber } },
      });
      expect(stored.badPixels).toBe(expected);
    }
    const events = await h.db.dqmOutbox.findMany({
      where: { stream: 'dqm.run-ingested' },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => (e.payload as { badPixels: number }).badPixels)).toEqual(
      await Promise.all(
        [8101, 8102].map(
          async (runNumber) =>
            (
              await h.db.dqmRun.findUniqueOrThrow({
                where: { camera_runNumber: { camera: 'NectarCAMQM', runNumber } },
              })
            ).badPixels,
        ),
      ),
    );
  });
});

describe('dqmRuns filters', () => {
  it('keeps a run range, its bounds included, across pages', async () => {
    expect(await runNumbers({ fromRun: 502, toRun: 506 })).toEqual({
      runs: [506, 505, 504, 503, 502],
      total: 5,
    });
    expect(await runNumbers({ fromRun: 507 })).toEqual({ runs: [509, 508, 507], total: 3 });
    expect(await runNumbers({ toRun: 500 })).toEqual({ runs: [500], total: 1 });
  });

  it('keeps bad runs only: onlyBad at least one bad pixel, minBadPixels at least that many', async () => {
    expect(await runNumbers({ onlyBad: true })).toEqual({
      runs: [508, 507, 506, 505, 504, 503, 502, 501],
      total: 8,
    });
    expect(await runNumbers({ minBadPixels: 6 })).toEqual({ runs: [508, 507, 506], total: 3 });
    expect(await runNumbers({ minBadPixels: 0 })).toEqual({
      runs: [508, 507, 506, 505, 504, 503, 502, 501, 500],
      total: 9,
    });
    expect(await runNumbers({ onlyBad: true, minBadPixels: 0 })).toMatchObject({ total: 8 });
    expect(await runNumbers({ onlyBad: true, fromRun: 503, toRun: 505, minBadPixels: 4 })).toEqual({
      runs: [505, 504],
      total: 2,
    });
    expect(await runNumbers({ onlyBad: false })).toMatchObject({ total: 10 });
  });

  it('refuses negative bounds and counts, and a range upside down, with BAD_USER_INPUT', async () => {
    for (const [vars, field] of [
      [{ fromRun: -1 }, 'fromRun'],
      [{ minBadPixels: -3 }, 'minBadPixels'],
      [{ fromRun: 9, toRun: 3 }, 'fromRun'],
    ] as const) {
      const result = await h.exec(RUNS, vars);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
