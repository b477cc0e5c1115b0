import 'reflect-metadata';
import { createLogger, loadEnv } from '@opshub/config';
import { createDb } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { startSubgraphServer, stopOnSignals } from '@opshub/subgraph-kit';
import { queueProducer } from './jobs/queue-producer.js';
import { buildWorkflowSchema } from './schema.js';
import { createWorkflowServices } from './services.js';

const env = loadEnv([
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'OPSHUB_SECRET',
  'SUBGRAPH_HOST',
  'WORKFLOW_PORT',
  'LOG_LEVEL',
  'EVENTS_REPLAY_MAX_AGE_SECONDS',
  'REDIS_ENQUEUE_TIMEOUT_MS',
]);
const log = createLogger('workflow', env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL, { onError: (err) => log.warn({ err }, 'database connection lost') });
const events = await EventBus.connect(env.REDIS_URL, env.REDIS_PREFIX, {
  replayMaxAgeMs: env.EVENTS_REPLAY_MAX_AGE_SECONDS * 1000,
});
// Moves made here (createObsUnitSet, assignExecutive, submitQa2…) enqueue the workers' next step.
const producer = queueProducer(env.REDIS_URL, env.REDIS_PREFIX, {
  enqueueTimeoutMs: env.REDIS_ENQUEUE_TIMEOUT_MS,
});
const { schema } = await buildWorkflowSchema(
  createWorkflowServices(db, events, log, { jobs: producer.jobs }),
);
const server = await startSubgraphServer({
  name: 'workflow',
  schema,
  host: env.SUBGRAPH_HOST,
  port: env.WORKFLOW_PORT,
  secret: env.OPSHUB_SECRET,
  log,
});

stopOnSignals(log, [
  () => server.close(),
  () => Promise.all([events.close(), producer.close(), db.$disconnect()]),
]);
