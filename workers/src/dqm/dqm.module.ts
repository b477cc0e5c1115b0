import { createDqmServices, type DqmServices } from '@opshub/dqm';
import { EventBus } from '@opshub/events';
import { JOB_QUEUE } from '@opshub/jobs';
import type { WorkerModule } from '../runtime/processor-registry.js';
import { schedule } from '../runtime/schedulers.js';
import { registerAtStart } from '../runtime/start-race.js';
import type { DqmWorkerSettings } from './dqm-settings.js';
import { nectarcamPullProcessor } from './nectarcam-pull.processor.js';

export interface DqmModuleOptions extends DqmWorkerSettings {
  /** Called with the services once built (tests drive and inspect the same instances). */
  onServices?: (services: DqmServices) => void;
}

/**
 * The DQM domain in the workers: the scheduled NectarCAM pull. At start it stores the camera
 * geometry shipped with @opshub/fits (once: unchanged bytes are not written again) and registers
 * the configured source.
 */
export function dqmModule(options: DqmModuleOptions): WorkerModule {
  return async (registry, deps) => {
    const events = await EventBus.connect(deps.redisUrl, deps.redisPrefix);
    deps.onStop(() => events.close());
    const dqm = createDqmServices(deps.db, {
      events,
      log: deps.log,
      // The NectarCAM pull names no DQM² hosts: the pseudonyms are the dqm-square module's.
      pseudonymKey: null,
      nectarcam: { maxBytes: options.maxBytes },
    });
    options.onServices?.(dqm);
    const geometry = await registerAtStart(() => dqm.nectarcamIngest.ingestGeometry());
    if (geometry.stored) deps.log.info({ geometry: geometry.name }, 'camera geometry stored');
    if (options.nectarcamSourceUrl) {
      const source = await registerAtStart(() => dqm.nectarcam.addSource(options.nectarcamSourceUrl!));
      deps.log.info({ source: source.url }, 'NectarCAM source registered');
    }
    registry.register('nectarcam-pull', nectarcamPullProcessor(dqm));
    // One pull at a time across every worker process: overlapping pulls would download the same files.
    await deps.queue(JOB_QUEUE['nectarcam-pull']).setGlobalConcurrency(1);
    deps.schedule(
      schedule({ id: 'nectarcam-pull', job: 'nectarcam-pull', every: options.pullEveryMs, data: {} }),
    );
  };
}
