import type { Logger } from '@opshub/config';
import { OutboxTable, type Db, type Tx } from '@opshub/db';
import { Outbox, type EventBus } from '@opshub/events';
import { DeliveryRepository } from './delivery/delivery.repository.js';
import { DeliveryService } from './delivery/delivery.service.js';
import { IngestionService } from './ingestion/ingestion.service.js';
import { forgiving, NO_JOBS, type WorkflowJobs } from './jobs/workflow-jobs.js';
import { OusRepository } from './ous/ous.repository.js';
import { OusService } from './ous/ous.service.js';
import { PipelineRepository } from './pipeline/pipeline.repository.js';
import { PipelineService, type PipelineSettings } from './pipeline/pipeline.service.js';
import { randomSeed } from './random/draw.js';
import { RecipeService } from './recipe/recipe.service.js';
import { ReplicationService } from './replication/replication.service.js';
import { DEFAULT_STORE, ProductStore, type StoreSettings } from './store/product-store.js';
import { DataTrackerService } from './tracker/data-tracker.service.js';

export interface WorkflowOptions {
  /** Where follow-up work is enqueued (a BullMQ producer: `bullWorkflowJobs`); default: nowhere. */
  jobs?: WorkflowJobs;
  /** Product store and archive directories (default `.opshub/products`, `.opshub/archive`). */
  store?: Partial<StoreSettings>;
  /** Seed of the batch helper's and the pipeline's draws (default: random per process). */
  seed?: string;
  /** Pipeline run time (default 3000 ms) and failure share (default 0.1). */
  pipeline?: Partial<Omit<PipelineSettings, 'seed'>>;
}

export interface WorkflowServices {
  ous: OusService;
  /** The workflow outbox (its relay is the workers' `outbox-relay` job, for every domain). */
  outbox: Outbox<Tx>;
  recipes: RecipeService;
  pipeline: PipelineService;
  replication: ReplicationService;
  ingestion: IngestionService;
  delivery: DeliveryService;
  /** The data tracker: FullyObserved → ReadyForProcessing, and Delivered (`track-delivery`). */
  tracker: DataTrackerService;
  store: ProductStore;
  seed: string;
}

/** The composition root of the workflow domain, shared by the subgraph and the workers. */
export function createWorkflowServices(
  db: Db,
  events: EventBus,
  log: Logger,
  options: WorkflowOptions = {},
): WorkflowServices {
  const seed = options.seed ?? randomSeed();
  const store = new ProductStore({ ...DEFAULT_STORE, ...options.store });
  const runs = new PipelineRepository(db);
  const deliveries = new DeliveryRepository(db);
  const outbox = new Outbox<Tx>(new OutboxTable(db, 'workflow.outbox'), events, log);
  const ous = new OusService(new OusRepository(db, outbox), outbox, events, {
    jobs: forgiving(options.jobs ?? NO_JOBS, log),
    facts: {
      latestRunHasReport: (id) => runs.latestRunHasReport(id),
      deliveryComplete: async (id) => (await deliveries.status(id))?.complete ?? false,
    },
  });
  const pipeline = new PipelineService(runs, ous, store, {
    seed,
    durationMs: options.pipeline?.durationMs ?? 3_000,
    failureRate: options.pipeline?.failureRate ?? 0.1,
  });
  const replication = new ReplicationService(pipeline, store);
  const ingestion = new IngestionService(ous, pipeline, replication, deliveries, store);
  const delivery = new DeliveryService(deliveries, ous, pipeline);
  return {
    ous,
    outbox,
    recipes: new RecipeService(ous, seed),
    pipeline,
    replication,
    ingestion,
    delivery,
    tracker: new DataTrackerService(ous, delivery, store),
    store,
    seed,
  };
}
