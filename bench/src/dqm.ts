// `npm run bench -- dqm`: the DQM domain's figures in one run — a full DQM² sync batched vs one request per
// document, a camera quantity and a waveform image through the gateway vs a trivial query, and parsing a
// full NectarCAM results file vs reading its bytes. Each part is also a bench of its own.
import { runDqmQuantities, type DqmQuantitiesResult } from './dqm-quantities.js';
import { dqmSquareBench } from './dqm-square.js';
import { fitsBench } from './fits.js';
import type { Bench } from './registry.js';

interface DqmBenchResult {
  sync: Awaited<ReturnType<typeof dqmSquareBench.run>>;
  quantities: DqmQuantitiesResult;
  fits: Awaited<ReturnType<typeof fitsBench.run>>;
  goals: {
    syncSpeedupAtLeast10: boolean;
    cameraQuantityAtMost1_5: boolean;
    waveformImageAtMost5: boolean;
  };
}

export const dqmBench: Bench<DqmBenchResult> = {
  async run(args: string[]): Promise<DqmBenchResult> {
    const sync = await dqmSquareBench.run([]);
    const quantities = await runDqmQuantities(args);
    const fits = await fitsBench.run([]);
    // The page's own choice: the compact array (base64) where it is faster; `values` is reported beside it.
    const best = (a: number, b: number) => Math.min(a, b);
    return {
      sync,
      quantities,
      fits,
      goals: {
        syncSpeedupAtLeast10: sync.speedup >= 10,
        cameraQuantityAtMost1_5:
          best(quantities.ratioP50.cameraValues, quantities.ratioP50.cameraBase64) <= 1.5,
        waveformImageAtMost5:
          best(quantities.ratioP50.waveformValues, quantities.ratioP50.waveformBase64) <= 5,
      },
    };
  },
  summary(r: DqmBenchResult): string {
    const q = r.quantities;
    const line = (name: keyof typeof q.latencyMs) => {
      const l = q.latencyMs[name];
      return (
        `  ${name.padEnd(15)} p50 ${l.p50.toFixed(1).padStart(7)} ms  p90 ${l.p90.toFixed(1).padStart(7)} ms  ${(l.bytes / 1024).toFixed(0).padStart(5)} KiB  errors ${l.errors}/${l.requests}` +
        (name === 'trivial' ? '' : `  p50 ${q.ratioP50[name]}× trivial`)
      );
    };
    return [
      dqmSquareBench.summary(r.sync),
      `quantities through the gateway (one client, the queries in turn for ${q.settings.seconds} s):`,
      line('trivial'),
      line('cameraValues'),
      line('cameraBase64'),
      line('waveformValues'),
      line('waveformBase64'),
      fitsBench.summary(r.fits),
      `goals: sync ≥ 10× ${r.goals.syncSpeedupAtLeast10 ? 'met' : 'MISSED'}; camera quantity ≤ 1.5× ${r.goals.cameraQuantityAtMost1_5 ? 'met' : 'MISSED'}; waveform image ≤ 5× ${r.goals.waveformImageAtMost5 ? 'met' : 'MISSED'}`,
    ].join('\n');
  },
};
