import 'reflect-metadata';
import { createLogger, loadEnv } from '@opshub/config';
import { createDb } from '@opshub/db';
import { startSubgraphServer, stopOnSignals } from '@opshub/subgraph-kit';
import { buildAlertsSchema } from './schema.js';
import { createAlertsServices } from './services.js';

const env = loadEnv(['DATABASE_URL', 'OPSHUB_SECRET', 'SUBGRAPH_HOST', 'ALERTS_PORT', 'LOG_LEVEL']);
const log = createLogger('alerts', env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL, { onError: (err) => log.warn({ err }, 'database connection lost') });
const { schema } = await buildAlertsSchema(createAlertsServices(db));
const server = await startSubgraphServer({
  name: 'alerts',
  schema,
  host: env.SUBGRAPH_HOST,
  port: env.ALERTS_PORT,
  secret: env.OPSHUB_SECRET,
  log,
});

stopOnSignals(log, [() => server.close(), () => db.$disconnect()]);
