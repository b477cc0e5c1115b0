// Demo data for `npm run up` / `npm run db:seed`. Idempotent: run it any number of times.
// Each domain adds its demo data as one step below, calling a function its subgraph exports.
import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, loadEnv, withEnvFiles, type Logger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { seedDcsDemo } from '@opshub/dcs';
import { createOpsServices, Role } from '@opshub/ops';
import { seedWorkflowDemo } from '@opshub/workflow';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = loadEnv(
  ['DATABASE_URL', 'LOG_LEVEL', 'SESSION_TTL_HOURS', 'OPSHUB_ADMIN_PASSWORD'],
  withEnvFiles(ROOT, process.env),
);

export interface SeedContext {
  db: Db;
  log: Logger;
  /** The demo admin's password, also given to the other demo users. */
  demoPassword: string;
}

export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}

/** admin, operator and viewer, all with OPSHUB_ADMIN_PASSWORD so the login `up` prints always works. */
async function demoUsers(ctx: SeedContext): Promise<void> {
  const { users } = createOpsServices(ctx.db, { sessionTtlHours: env.SESSION_TTL_HOURS });
  const wanted = [
    { username: 'admin', roles: [Role.ADMIN] },
    { username: 'operator', roles: [Role.OPERATOR] },
    { username: 'viewer', roles: [Role.VIEWER] },
  ];
  for (const { username, roles } of wanted) {
    if (!(await users.findByUsername(username))) {
      await users.create({ username, password: ctx.demoPassword, roles });
      ctx.log.info({ username, roles }, 'created demo user');
    } else if (!(await users.verifyPassword(username, ctx.demoPassword))) {
      // .env was regenerated since: keep the printed demo login true.
      await users.setPassword(username, ctx.demoPassword);
      ctx.log.info({ username }, 'reset demo user password to OPSHUB_ADMIN_PASSWORD');
    }
  }
}

const steps: SeedStep[] = [
  { name: 'ops: demo users', run: demoUsers },
  {
    name: 'workflow: demo programme',
    run: async (ctx) => void (await seedWorkflowDemo(ctx.db, { log: ctx.log })),
  },
  { name: 'dcs: the test stand devices', run: async (ctx) => void (await seedDcsDemo(ctx.db)) },
];

const log = createLogger('seed', env.LOG_LEVEL);
if (!env.OPSHUB_ADMIN_PASSWORD) {
  log.fatal('OPSHUB_ADMIN_PASSWORD is not set (npm run up writes one to .env)');
  process.exit(1);
}
const db = createDb(env.DATABASE_URL, { max: 4 });
const ctx: SeedContext = { db, log, demoPassword: env.OPSHUB_ADMIN_PASSWORD };
try {
  for (const step of steps) {
    const started = Date.now();
    await step.run(ctx);
    log.info({ step: step.name, ms: Date.now() - started }, 'seed step done');
  }
} catch (error) {
  log.fatal({ err: error }, 'seed failed');
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
