import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRuns, seedDqmDemo } from '../src/index.js';
import { startHarness, type Harness } from './harness.js';

const RUNS = `query($camera: String, $first: Int, $after: String) {
  dqmRuns(camera: $camera, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { camera runNumber startedAt endedAt } }
  }
}`;

interface RunView {
  camera: string;
  runNumber: number;
  startedAt: string;
  endedAt: string | null;
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: RunView }[];
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness('dqmruns');
  expect(await seedDqmDemo(h.db)).toBe(30);
});
afterAll(async () => {
  await h?.close();
});

async function page(vars: Record<string, unknown>): Promise<Page> {
  const result = await h.exec<{ dqmRuns: Page }>(RUNS, vars);
  expect(result.errors).toBeUndefined();
  return result.data!.dqmRuns;
}

async function walk(
  vars: Record<string, unknown>,
  between?: (n: number) => Promise<void>,
): Promise<RunView[]> {
  const seen: RunView[] = [];
  let after: string | null = null;
  for (let n = 0; ; n++) {
    const p: Page = await page({ ...vars, after });
    seen.push(...p.edges.map((e) => e.node));
    if (!p.pageInfo.hasNextPage) return seen;
    after = p.pageInfo.endCursor;
    await between?.(n);
  }
}

describe('the demo runs', () => {
  it('are 30 runs of about 20 minutes on NectarCAMQM and NectarCAM2', () => {
    const runs = demoRuns();
    expect(runs).toHaveLength(30);
    expect(new Set(runs.map((r) => r.camera))).toEqual(new Set(['NectarCAMQM', 'NectarCAM2']));
    for (const r of runs.filter((x) => x.endedAt)) {
      const minutes = (r.endedAt!.getTime() - r.startedAt.getTime()) / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(15);
      expect(minutes).toBeLessThanOrEqual(25);
    }
    expect(demoRuns()).toEqual(runs);
  });
});

describe('dqmRuns', () => {
  it('pages newest first without gaps or repeats', async () => {
    const all = await walk({ first: 7 });
    expect(all).toHaveLength(30);
    const keys = all.map((r) => `${r.camera}/${r.runNumber}`);
    expect(new Set(keys).size).toBe(30);
    const times = all.map((r) => Date.parse(r.startedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await page({ first: 7 })).totalCount).toBe(30);
  });

  it('stays stable while runs arrive between pages', async () => {
    const before = (await walk({ camera: 'NectarCAMQM', first: 4 })).map((r) => r.runNumber);
    let inserts = 0;
    const during = await walk({ camera: 'NectarCAMQM', first: 4 }, async (n) => {
      inserts++;
      // A newer run (belongs on an earlier page) and one older than all seen so far (still ahead).
      await h.services.runs.upsertRuns([
        {
          camera: 'NectarCAMQM',
          runNumber: 9000 + n,
          startedAt: new Date('2026-12-01T20:00:00Z'),
          endedAt: null,
        },
        {
          camera: 'NectarCAMQM',
          runNumber: 100 + n,
          startedAt: new Date(Date.UTC(2026, 0, 1 - n)),
          endedAt: null,
        },
      ]);
    });
    const numbers = during.map((r) => r.runNumber);
    expect(numbers.filter((n) => n >= 9000)).toEqual([]);
    expect(numbers.filter((n) => n < 1000)).toEqual(Array.from({ length: inserts }, (_, i) => 100 + i));
    expect(numbers.filter((n) => n >= 1000 && n < 9000)).toEqual(before);
  });

  it('filters by camera', async () => {
    const nc2 = await walk({ camera: 'NectarCAM2', first: 50 });
    expect(nc2).toHaveLength(12);
    expect(nc2.every((r) => r.camera === 'NectarCAM2')).toBe(true);
    expect(nc2[0]!.endedAt).toBeNull();
    expect((await page({ camera: 'NectarCAM9' })).totalCount).toBe(0);
  });

  it('refuses a forged cursor and an oversized page with BAD_USER_INPUT', async () => {
    const forged = Buffer.from(JSON.stringify(['not a date', 'x', 1])).toString('base64url');
    for (const vars of [{ after: forged }, { after: '%%%' }, { first: 501 }]) {
      const result = await h.exec(RUNS, vars);
      expect(result.errors?.[0]?.extensions?.['code'], JSON.stringify(vars)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('dqmRun', () => {
  const Q =
    'query($camera: String!, $run: Int!) { dqmRun(camera: $camera, runNumber: $run) { camera runNumber startedAt endedAt } }';

  it('finds a run by camera and run number, null when unknown', async () => {
    const first = demoRuns()[0]!;
    const found = await h.exec(Q, { camera: first.camera, run: first.runNumber });
    expect(found.data).toEqual({
      dqmRun: {
        camera: 'NectarCAMQM',
        runNumber: 6852,
        startedAt: first.startedAt.toISOString(),
        endedAt: first.endedAt!.toISOString(),
      },
    });
    expect((await h.exec(Q, { camera: 'NectarCAM2', run: 6852 })).data).toEqual({ dqmRun: null });
    expect((await h.exec(Q, { camera: 'NectarCAMQM', run: -1 })).errors?.[0]?.extensions?.['code']).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('resolves DqmRun entity references by camera and runNumber', async () => {
    const result = await h.exec(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on DqmRun { camera runNumber } } }',
      {
        r: [
          { __typename: 'DqmRun', camera: 'NectarCAMQM', runNumber: 6852 },
          { __typename: 'DqmRun', camera: 'NectarCAM2', runNumber: 1423 },
          { __typename: 'DqmRun', camera: 'NectarCAM2', runNumber: 1 },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { camera: 'NectarCAMQM', runNumber: 6852 },
        { camera: 'NectarCAM2', runNumber: 1423 },
        null,
      ],
    });
  });

  it('needs a signed-in user', async () => {
    const result = await h.exec(Q, { camera: 'NectarCAMQM', run: 6852 }, 'anonymous');
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
