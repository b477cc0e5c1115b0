import 'reflect-metadata';
import { createLogger, loadEnv } from '@opshub/config';
import { createDb } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { startSubgraphServer, stopOnSignals } from '@opshub/subgraph-kit';
import { createJobDispatcher } from './command/job-dispatcher.js';
import { buildDcsSchema } from './schema.js';
import { createDcsServices } from './services.js';

const env = loadEnv([
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'OPSHUB_SECRET',
  'SUBGRAPH_HOST',
  'DCS_PORT',
  'LOG_LEVEL',
  'DCS_COMMAND_TIMEOUT_MS',
]);
const log = createLogger('dcs', env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL, { onError: (err) => log.warn({ err }, 'database connection lost') });
const events = await EventBus.connect(env.REDIS_URL, env.REDIS_PREFIX);
const dispatcher = await createJobDispatcher(env.REDIS_URL, env.REDIS_PREFIX);
const services = createDcsServices(db, {
  databaseUrl: env.DATABASE_URL,
  events,
  log,
  dispatcher,
  commandTimeoutMs: env.DCS_COMMAND_TIMEOUT_MS,
});
const { schema } = await buildDcsSchema(services);
const server = await startSubgraphServer({
  name: 'dcs',
  schema,
  host: env.SUBGRAPH_HOST,
  port: env.DCS_PORT,
  secret: env.OPSHUB_SECRET,
  log,
});

stopOnSignals(log, [
  () => server.close(),
  () => Promise.all([dispatcher.close(), events.close(), services.close(), db.$disconnect()]),
]);
