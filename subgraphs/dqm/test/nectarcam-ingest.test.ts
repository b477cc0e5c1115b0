import { gunzipSync } from 'node:zlib';
import { fromValues, parseNectarcamResults, writeNectarcamResults, type ArrayQuantity } from '@opshub/fits';
import { startNectarcamServer, writeTarGz, type NectarcamServer } from '@opshub/simulators/nectarcam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const ADMIN = 'ADMIN' as const;

let h: Harness;
let sim: NectarcamServer;

beforeAll(async () => {
  [h, sim] = await Promise.all([
    startHarness('nectarcam'),
    startNectarcamServer({ camera: 'NectarCAMQM', firstRun: 7001, initialRuns: 2 }),
  ]);
  const added = await h.exec<{ addNectarcamSource: { id: string; url: string } }>(
    'mutation($url: String!) { addNectarcamSource(url: $url) { id url } }',
    { url: sim.url },
    ADMIN,
  );
  expect(added.errors).toBeUndefined();
});
afterAll(async () => {
  await sim?.close();
  await h?.close();
});

/** The run's FITS as the simulator served it, parsed by the reader (the expected values). */
function served(run: number, seed = run): ArrayQuantity[] {
  const tar = gunzipSync(sim.results(run, seed));
  // One ustar entry: 512-byte header, then the file (its size in the header's octal field).
  const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0.*$/, ''), 8);
  return parseNectarcamResults(tar.subarray(512, 512 + size)).quantities.filter(
    (q): q is ArrayQuantity => q.kind === 'array',
  );
}

const tarball = (run: number, fits: Buffer) =>
  writeTarGz([{ name: `DQM_Run${run}/NectarCAM_Run${run}_Results.fits`, data: fits }]);

/** A results file whose first table claims more rows than it holds (its NAXIS2 card rewritten). */
function lyingNaxis2(run: number): Buffer {
  const fits = Buffer.from(writeNectarcamResults({ run }));
  const firstExtension = fits.indexOf('XTENSION=');
  for (let at = firstExtension; at < fits.length; at += 80) {
    if (fits.toString('ascii', at, at + 8) === 'NAXIS2  ') {
      const rows = Number(fits.toString('ascii', at + 10, at + 30).trim());
      fits.write(String(rows + 1000).padStart(20), at + 10, 'ascii');
      return fits;
    }
  }
  throw new Error('no NAXIS2 card');
}

const counts = () =>
  Promise.all([
    h.db.dqmRun.count(),
    h.db.dqmQuantity.count(),
    h.db.dqmQuarantine.count(),
    h.db.dqmOutbox.count(),
  ]);

const QUANTITY = `query($run: Int!, $keys: [String!], $gain: Gain) {
  dqmRun(camera: "NectarCAMQM", runNumber: $run) {
    startedAt endedAt
    quantities(keys: $keys, gain: $gain) { key label gain field dtype shape values base64 }
  }
}`;
interface QuantityView {
  key: string;
  label: string;
  gain: string | null;
  field: string | null;
  dtype: string;
  shape: number[];
  values: number[];
  base64: string;
}

describe('the NectarCAM pull, against the results simulator over HTTP', () => {
  it('refuses a source on a port fetch() never connects to, before storing it', async () => {
    const before = await h.db.nectarcamSource.count();
    const r = await h.exec(
      'mutation { addNectarcamSource(url: "http://localhost:4190/") { id } }',
      {},
      ADMIN,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/port 4190/);
    expect(await h.db.nectarcamSource.count()).toBe(before);
  });

  it('stores each listed run with every quantity, values exact', async () => {
    const summary = await h.services.nectarcamIngest.pull();
    expect(summary).toMatchObject({ sources: 1, listed: 2, ingested: 2, quarantined: 0, failed: 0 });

    const expected = served(7001);
    const wf = expected.find((q) => q.key === 'WF-PHY' && q.gain === 'HIGH')!;
    const avg = expected.find((q) => q.key === 'CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP' && q.gain === 'LOW')!;
    const r = await h.exec<{ dqmRun: { startedAt: string; quantities: QuantityView[] } }>(QUANTITY, {
      run: 7001,
      keys: ['wf-phy', 'camera-average-phy-overevents-oversamp'],
    });
    expect(r.errors).toBeUndefined();
    const got = r.data!.dqmRun.quantities;
    expect(got.map((q) => `${q.key}/${q.gain}`).sort()).toEqual([
      'CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP/HIGH',
      'CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP/LOW',
      'WF-PHY/HIGH',
      'WF-PHY/LOW',
    ]);
    const gotWf = got.find((q) => q.key === 'WF-PHY' && q.gain === 'HIGH')!;
    expect(gotWf.shape).toEqual([1855, 60]);
    expect(gotWf.base64).toBe(
      Buffer.from(wf.values.dtype === 'str' ? [] : wf.values.bytes).toString('base64'),
    );
    expect(gotWf.values).toEqual(
      Array.from(fromValues(wf.values as never) as ArrayLike<number | bigint>, Number),
    );
    const gotAvg = got.find((q) => q.key === 'CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP' && q.gain === 'LOW')!;
    expect(gotAvg.label).toBe('CAMERA-AVERAGE-PHY-OverEVENTS-OverSamp');
    expect(gotAvg.values).toEqual(Array.from(fromValues(avg.values as never) as Float64Array));
    // START-TIMES gives the run's times.
    expect(r.data!.dqmRun.startedAt).toBe(new Date((1_764_700_000 - 2) * 1000).toISOString());

    const [runs, quantities, quarantined, events] = await counts();
    expect(runs).toBe(2);
    expect(quarantined).toBe(0);
    expect(events).toBe(2);
    // One row per array, one per column of a dict: never one per value.
    expect(quantities).toBeLessThan(2 * 200);
  });

  it('changes nothing when the same files are pulled again', async () => {
    const before = await h.db.dqmQuantity.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    const summary = await h.services.nectarcamIngest.pull();
    expect(summary).toMatchObject({ listed: 2, ingested: 0, replaced: 0, unchanged: 2 });
    expect(await h.db.dqmQuantity.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).toEqual(before);
    expect(await h.db.dqmOutbox.count()).toBe(2);

    // Without a usable validator the file is downloaded again: the same sha256 still changes nothing.
    await h.db.dqmRun.updateMany({ data: { etag: '"stale"' } });
    expect(await h.services.nectarcamIngest.pull()).toMatchObject({ ingested: 0, replaced: 0, unchanged: 2 });
    expect(await h.db.dqmQuantity.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).toEqual(before);
    expect(await h.db.dqmRun.count({ where: { etag: '"stale"' } })).toBe(0);
    expect(await h.db.dqmOutbox.count()).toBe(2);

    const sources = await h.exec('{ nectarcamSources { url } }');
    expect(sources.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await h.exec('{ nectarcamSources { url lastError } }', {}, ADMIN)).data).toEqual({
      nectarcamSources: [{ url: sim.url, lastError: null }],
    });
  });

  it('replaces a run whose file changed, and only that run', async () => {
    const other = await h.db.dqmQuantity.findMany({ where: { runNumber: 7002 }, select: { id: true } });
    sim.rewriteRun(7001, 99);
    const summary = await h.services.nectarcamIngest.pull();
    expect(summary).toMatchObject({ replaced: 1, unchanged: 1, ingested: 0 });
    const expected = served(7001, 99).find(
      (q) => q.key === 'CHARGE-INTEGRATION-IMAGE-ALL-AVERAGE' && q.gain === 'HIGH',
    )!;
    const r = await h.exec<{ dqmRun: { quantities: QuantityView[] } }>(QUANTITY, {
      run: 7001,
      keys: ['CHARGE-INTEGRATION-IMAGE-ALL-AVERAGE'],
      gain: 'HIGH',
    });
    expect(r.data!.dqmRun.quantities).toHaveLength(1);
    expect(r.data!.dqmRun.quantities[0]!.values).toEqual(
      Array.from(fromValues(expected.values as never) as Float64Array),
    );
    expect(await h.db.dqmQuantity.findMany({ where: { runNumber: 7002 }, select: { id: true } })).toEqual(
      other,
    );
  });

  it('quarantines a truncated tarball, a non-FITS file and a lying NAXIS2 with their reasons, storing nothing of them', async () => {
    const good = sim.results(7003);
    sim.putFile('NectarCAMQM_DQM_Run7003.tar.gz', good.subarray(0, Math.floor(good.length / 2)));
    sim.putFile(
      'NectarCAMQM_DQM_Run7004.tar.gz',
      tarball(7004, Buffer.from('this is not FITS\n'.repeat(200))),
    );
    sim.putFile('NectarCAMQM_DQM_Run7005.tar.gz', tarball(7005, lyingNaxis2(7005)));
    const [runsBefore, quantitiesBefore] = await counts();
    sim.rewriteRun(7006, 7006); // listed after the bad ones: still ingested

    const summary = await h.services.nectarcamIngest.pull();
    expect(summary).toMatchObject({ quarantined: 3, ingested: 1, failed: 0 });
    const q = await h.exec<{
      dqmQuarantine: { edges: { node: { name: string; reason: string; source: string } }[] };
    }>('{ dqmQuarantine(first: 10) { edges { node { name reason source } } } }', {}, ADMIN);
    expect(q.errors).toBeUndefined();
    const reasons = Object.fromEntries(q.data!.dqmQuarantine.edges.map((e) => [e.node.name, e.node.reason]));
    expect(reasons['NectarCAMQM_DQM_Run7003.tar.gz']).toMatch(/^(BAD_GZIP|TRUNCATED)/);
    expect(reasons['NectarCAMQM_DQM_Run7004.tar.gz']).toMatch(/^NOT_FITS/);
    expect(reasons['NectarCAMQM_DQM_Run7005.tar.gz']).toMatch(/^(TRUNCATED_DATA|DATA_SIZE_MISMATCH)/);
    expect(q.data!.dqmQuarantine.edges.every((e) => e.node.source === sim.url)).toBe(true);
    const [runs, quantities] = await counts();
    const run7006 = await h.db.dqmQuantity.count({ where: { runNumber: 7006 } });
    expect(run7006).toBeGreaterThan(0);
    expect(runs).toBe(runsBefore + 1);
    expect(quantities).toBe(quantitiesBefore + run7006);
    for (const run of [7003, 7004, 7005])
      expect(await h.db.dqmQuantity.count({ where: { runNumber: run } })).toBe(0);

    const viewer = await h.exec('{ dqmQuarantine(first: 1) { totalCount } }');
    expect(viewer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('cameraGeometry', () => {
  it('serves the 1855 pixels of the shipped NectarCam-003 file', async () => {
    expect(await h.services.nectarcamIngest.ingestGeometry()).toEqual({
      name: 'NectarCam-003',
      stored: true,
    });
    expect(await h.services.nectarcamIngest.ingestGeometry()).toEqual({
      name: 'NectarCam-003',
      stored: false,
    });
    const r = await h.exec<{
      cameraGeometry: {
        geometry: string;
        pixelRotationDeg: number;
        pixels: { id: number; x: number; y: number; area: number }[];
      };
    }>('{ cameraGeometry(camera: "NectarCAMQM") { geometry pixelRotationDeg pixels { id x y area } } }');
    expect(r.errors).toBeUndefined();
    const g = r.data!.cameraGeometry;
    expect(g.geometry).toBe('NectarCam-003');
    expect(g.pixels).toHaveLength(1855);
    expect(g.pixelRotationDeg).toBeCloseTo(-19.1066, 3);
    expect(new Set(g.pixels.map((p) => p.id)).size).toBe(1855);
    expect(Math.max(...g.pixels.map((p) => Math.hypot(p.x, p.y)))).toBeLessThan(1.5);
  });
});
