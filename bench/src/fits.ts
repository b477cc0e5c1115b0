// FITS: parsing a full NectarCAM results file (every quantity, typed and packed for storage) against just
// reading its bytes from disk, plain and gzipped, as a ratio. The DQM ingest pays the difference per run.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseNectarcamResults, writeNectarcamResults } from '@opshub/fits';
import type { Bench } from './registry.js';

interface Timing {
  p50Ms: number;
  p90Ms: number;
  minMs: number;
}

interface Variant {
  bytes: number;
  /** Wall-clock times. */
  read: Timing;
  parse: Timing;
  /** Process CPU times (all threads, so the libuv read counts): steadier than wall time on a loaded machine. */
  readCpu: Timing;
  parseCpu: Timing;
  /** Read + parse over read alone, at the median, wall clock. */
  ratio: number;
  /** The same in CPU time. */
  cpuRatio: number;
  /** FITS bytes (inflated) parsed per second at the median (read included). */
  mbPerSecond: number;
}

interface FitsBenchResult {
  settings: { iterations: number; warmup: number; run: number };
  /** 1-minute load average before and after: the machine is shared, figures above ~2 mean noisy wall times. */
  load: { before: number; after: number };
  file: { hdus: number; quantities: number; arrays: number; records: number; valueBytes: number };
  plain: Variant;
  gzip: Variant;
}

/** Read alone and read + parse, alternated per iteration so both see the same machine load (shared cores). */
async function variant(
  file: string,
  fitsBytes: number,
  iterations: number,
  warmup: number,
): Promise<Variant> {
  const bytes = (await readFile(file)).length;
  const readMs: number[] = [];
  const parseMs: number[] = [];
  const readCpuMs: number[] = [];
  const parseCpuMs: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await readFile(file);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    parseNectarcamResults(await readFile(file));
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    if (i >= warmup) {
      readMs.push(t1 - t0);
      parseMs.push(t2 - t1);
      readCpuMs.push(cpuMs(c0, c1));
      parseCpuMs.push(cpuMs(c1, c2));
    }
  }
  const read = timing(readMs);
  const parse = timing(parseMs);
  const readCpu = timing(readCpuMs);
  const parseCpu = timing(parseCpuMs);
  return {
    bytes,
    read,
    parse,
    readCpu,
    parseCpu,
    ratio: round(parse.p50Ms / read.p50Ms),
    cpuRatio: round(parseCpu.p50Ms / readCpu.p50Ms),
    mbPerSecond: round(fitsBytes / 2 ** 20 / (parse.p50Ms / 1000)),
  };
}

function cpuMs(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
  return (to.user - from.user + to.system - from.system) / 1000;
}

function timing(ms: number[]): Timing {
  ms.sort((a, b) => a - b);
  return { p50Ms: round(percentile(ms, 50)), p90Ms: round(percentile(ms, 90)), minMs: round(ms[0]) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export const fitsBench: Bench<FitsBenchResult> = {
  async run(args) {
    const iterations = Number(args[0] ?? 100);
    const warmup = 10;
    const run = 6000;
    const loadBefore = loadavg()[0];
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-fits-'));
    try {
      const fits = writeNectarcamResults({ run });
      const plainFile = path.join(dir, `NectarCAM_Run${run}_Results.fits`);
      const gzipFile = `${plainFile}.gz`;
      await writeFile(plainFile, fits);
      await writeFile(gzipFile, gzipSync(fits));
      const { quantities } = parseNectarcamResults(fits);
      const valueBytes = quantities.reduce(
        (sum, q) =>
          sum +
          (q.kind === 'array'
            ? 'bytes' in q.values
              ? q.values.bytes.length
              : 0
            : Object.values(q.columns).reduce((s, c) => s + ('bytes' in c ? c.bytes.length : 0), 0)),
        0,
      );
      const plain = await variant(plainFile, fits.length, iterations, warmup);
      const gzip = await variant(gzipFile, fits.length, iterations, warmup);
      return {
        settings: { iterations, warmup, run },
        load: { before: round(loadBefore), after: round(loadavg()[0]) },
        file: {
          hdus: quantities.length + 1,
          quantities: quantities.length,
          arrays: quantities.filter((q) => q.kind === 'array').length,
          records: quantities.filter((q) => q.kind === 'record').length,
          valueBytes,
        },
        plain,
        gzip,
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  summary(r) {
    const line = (name: string, v: Variant) =>
      `${name}: ${(v.bytes / 2 ** 20).toFixed(2)} MiB, read p50 ${v.read.p50Ms.toFixed(2)} ms, read+parse p50 ` +
      `${v.parse.p50Ms.toFixed(2)} ms → ratio ${v.ratio}× (${v.mbPerSecond} MiB/s); CPU time: read ` +
      `${v.readCpu.p50Ms.toFixed(2)} ms, read+parse ${v.parseCpu.p50Ms.toFixed(2)} ms → ratio ${v.cpuRatio}×`;
    return [
      `fits: ${r.file.quantities} quantities (${r.file.arrays} arrays, ${r.file.records} records), ` +
        `${(r.file.valueBytes / 2 ** 20).toFixed(2)} MiB of values, ${r.settings.iterations} iterations, ` +
        `load average ${r.load.before} → ${r.load.after}`,
      line('  plain .fits', r.plain),
      line('  .fits.gz   ', r.gzip),
    ].join('\n');
  },
};
