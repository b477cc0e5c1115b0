import type { Db } from '@opshub/db';
import { seededRandom } from '@opshub/subgraph-kit';
import type { DqmRunInput } from './dqm-run.input.js';
import { DqmRunRepository } from './dqm-run.repository.js';
import { DqmRunService } from './dqm-run.service.js';

const MINUTE = 60_000;

/** Observing nights of the demo, per camera: first run number, first night (UTC) and runs per night. */
const CAMPAIGNS = [
  { camera: 'NectarCAMQM', firstRun: 6852, firstNight: '2026-10-12T19:40:00Z', nights: 6, runsPerNight: 3 },
  { camera: 'NectarCAM2', firstRun: 1423, firstNight: '2026-10-26T20:10:00Z', nights: 4, runsPerNight: 3 },
] as const;

/**
 * 30 runs of ~20 minutes, a few a night with short gaps; run numbers skip now and then (the
 * calibration runs DQM does not process). The newest NectarCAM2 run has no end yet.
 */
export function demoRuns(seed = 4242): DqmRunInput[] {
  const random = seededRandom(seed);
  const runs: DqmRunInput[] = [];
  for (const c of CAMPAIGNS) {
    let runNumber = c.firstRun;
    for (let night = 0; night < c.nights; night++) {
      // Nights are two or three days apart; the first run starts within half an hour of dusk.
      let at =
        Date.parse(c.firstNight) +
        night * (2 + Math.floor(random() * 2)) * 86_400_000 +
        Math.floor(random() * 30) * MINUTE;
      for (let i = 0; i < c.runsPerNight; i++) {
        const minutes = 17 + Math.floor(random() * 7);
        runs.push({
          camera: c.camera,
          runNumber,
          startedAt: new Date(at),
          endedAt: new Date(at + minutes * MINUTE),
        });
        at += (minutes + 4 + Math.floor(random() * 12)) * MINUTE;
        runNumber += random() < 0.25 ? 2 + Math.floor(random() * 2) : 1;
      }
    }
  }
  runs[runs.length - 1]!.endedAt = null;
  return runs;
}

/** Records the 30 demo runs (idempotent; runs publish nothing, so the seed needs only the database). Returns how many. */
export function seedDqmDemo(db: Db): Promise<number> {
  return new DqmRunService(new DqmRunRepository(db)).upsertRuns(demoRuns());
}
