import { createDqmServices, type DqmServices } from '@opshub/dqm';
import { EventBus } from '@opshub/events';
import { QUEUES } from '@opshub/jobs';
import type { WorkerModule } from '../runtime/processor-registry.js';
import { schedule } from '../runtime/schedulers.js';
import { registerAtStart } from '../runtime/start-race.js';
import type { DqmSquareWorkerSettings } from './dqm-square-settings.js';
import {
  dqmSquareStatusProcessor,
  dqmSquareSyncProcessor,
  dqmSquareTickProcessor,
} from './dqm-square.processors.js';

export interface DqmSquareModuleOptions extends DqmSquareWorkerSettings {
  /** Called with the services once built (tests drive and inspect the same instances). */
  onServices?: (services: DqmServices['square']) => void;
}

/**
 * The DQM² mirror in the workers: every `syncEveryMs` a tick enqueues one sync job per agent on
 * the `dqm-square-sync` queue (each agent its own job, so a hung or failing agent holds one slot
 * for at most its deadline and is then backed off), and every 30 s the host status is recorded.
 * The agents of DQM_SQUARE_AGENTS are registered at start.
 */
export function dqmSquareModule(options: DqmSquareModuleOptions): WorkerModule {
  return async (registry, deps) => {
    if (options.pseudonymKey === undefined) {
      // Without the key no host name can be pseudonymised, and nothing raw may be stored: no sync.
      deps.log.warn('DQM² sync is off: set DQM_PSEUDONYM_KEY (the same as the dqm subgraph’s)');
      for (const job of ['dqm-square-tick', 'dqm-square-sync', 'dqm-square-status'] as const)
        registry.register(job, async () => ({ skipped: 'DQM_PSEUDONYM_KEY is not set' }));
      return;
    }
    const events = await EventBus.connect(deps.redisUrl, deps.redisPrefix);
    deps.onStop(() => events.close());
    const { square } = createDqmServices(deps.db, {
      events,
      log: deps.log,
      pseudonymKey: options.pseudonymKey,
      square: {
        timeoutMs: options.timeoutMs,
        batchSize: options.batchSize,
        keepLogs: options.keepLogs,
      },
    });
    options.onServices?.(square);
    for (const agent of options.agents) {
      await registerAtStart(() => square.hosts.ensure(agent.cluster, agent.url, options.agentSecret ?? null));
    }
    if (options.agents.length) deps.log.info({ agents: options.agents.length }, 'DQM² agents registered');
    registry.register('dqm-square-tick', dqmSquareTickProcessor(square, deps.queue(QUEUES.dqmSquareSync)));
    registry.register('dqm-square-sync', dqmSquareSyncProcessor(square));
    registry.register('dqm-square-status', dqmSquareStatusProcessor(square));
    deps.schedule(
      schedule({ id: 'dqm-square-tick', job: 'dqm-square-tick', every: options.syncEveryMs, data: {} }),
    );
    deps.schedule(
      schedule({
        id: 'dqm-square-status',
        job: 'dqm-square-status',
        every: 30_000,
        data: { retentionHours: options.statusRetentionHours },
      }),
    );
  };
}
