import 'reflect-metadata';
import { createLogger, loadEnv } from '@opshub/config';
import { createDb } from '@opshub/db';
import { startSubgraphServer } from '@opshub/subgraph-kit';
import { buildDcsSchema } from './schema.js';
import { createDcsServices } from './services.js';

const env = loadEnv(['DATABASE_URL', 'OPSHUB_SECRET', 'SUBGRAPH_HOST', 'DCS_PORT', 'LOG_LEVEL']);
const log = createLogger('dcs', env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL);
const { schema } = await buildDcsSchema(createDcsServices(db));
const server = await startSubgraphServer({
  name: 'dcs',
  schema,
  host: env.SUBGRAPH_HOST,
  port: env.DCS_PORT,
  secret: env.OPSHUB_SECRET,
  log,
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void server
      .close()
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
  });
}
