import 'reflect-metadata';
import { createLogger, loadEnv } from '@opshub/config';
import { createDb } from '@opshub/db';
import { startSubgraphServer, stopOnSignals } from '@opshub/subgraph-kit';
import { buildDqmSchema } from './schema.js';
import { createDqmServices } from './services.js';

const env = loadEnv(['DATABASE_URL', 'OPSHUB_SECRET', 'SUBGRAPH_HOST', 'DQM_PORT', 'LOG_LEVEL']);
const log = createLogger('dqm', env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL, { onError: (err) => log.warn({ err }, 'database connection lost') });
const { schema } = await buildDqmSchema(createDqmServices(db));
const server = await startSubgraphServer({
  name: 'dqm',
  schema,
  host: env.SUBGRAPH_HOST,
  port: env.DQM_PORT,
  secret: env.OPSHUB_SECRET,
  log,
});

stopOnSignals(log, [() => server.close(), () => db.$disconnect()]);
