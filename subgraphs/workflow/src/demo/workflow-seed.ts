import { createLogger, type Logger } from '@opshub/config';
import type { Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import type { StoreSettings } from '../store/product-store.js';
import type { WorkflowJobs } from '../jobs/workflow-jobs.js';
import { createWorkflowServices } from '../services.js';
import { DEMO_ID_PREFIX, DEMO_PROGRAM } from './workflow-demo.js';

export interface SeedWorkflowOptions {
  log?: Logger;
  /** Publishes the creations live; without one they wait in the outbox for the workers' relay. */
  events?: EventBus;
  /** Enqueues the batch helper at once; without it the workers' reconciler does within a minute. */
  jobs?: WorkflowJobs;
  /** How many OUSs to launch ReadyForProcessing (default 3: Xb0, Xb1, Xb2). */
  count?: number;
  /** How many more to launch FullyObserved, their raw data in the JAO cache (default 2: Xb3, Xb4). */
  observed?: number;
  /** The product store the raw data goes to (the workers' `WORKFLOW_PRODUCT_ROOT`; default `.opshub/products`). */
  store?: Partial<StoreSettings>;
}

/**
 * The demo programme of the seed (2015.1.00657.S) with its first OUSs: ReadyForProcessing, then a
 * few FullyObserved whose raw data the data tracker finds replicated (it moves them on).
 * Idempotent: OUSs that exist are left as they are.
 */
const LAUNCHER = { system: 'launcher' } as const;

export async function seedWorkflowDemo(db: Db, options: SeedWorkflowOptions = {}): Promise<string[]> {
  const log = options.log ?? createLogger('workflow-seed', 'silent');
  const events = options.events ?? EventBus.unconnected('redis://127.0.0.1:1', 'seed');
  const services = createWorkflowServices(db, events, createLogger('workflow-seed', 'silent'), {
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
  const created: string[] = [];
  try {
    const ready = options.count ?? 3;
    for (let n = 0; n < ready + (options.observed ?? 2); n++) {
      const id = `${DEMO_ID_PREFIX}${n.toString(16)}`;
      if (await services.ous.byId(id)) continue;
      if (n < ready) await services.ous.create(DEMO_PROGRAM, id, LAUNCHER);
      else await services.tracker.observe(DEMO_PROGRAM, id, LAUNCHER);
      created.push(id);
    }
  } finally {
    if (!options.events) await events.close();
  }
  log.info({ programId: DEMO_PROGRAM, created }, 'workflow demo programme seeded');
  return created;
}
