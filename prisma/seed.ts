// Demo data for `npm run up` / `npm run db:seed`. Idempotent: run it any number of times.
// Each domain adds its demo data as one step below, calling a function its subgraph exports.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, loadEnv, withEnvFiles, type Logger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { seedDcsDemo } from '@opshub/dcs';
import { createOpsServices, Role } from '@opshub/ops';
import { seedWorkflowDemo } from '@opshub/workflow';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = loadEnv(
  [
    'DATABASE_URL',
    'LOG_LEVEL',
    'SESSION_TTL_HOURS',
    'OPSHUB_ADMIN_PASSWORD',
    'OPSHUB_OPERATOR_PASSWORD',
    'OPSHUB_VIEWER_PASSWORD',
    'OPSHUB_BROKER_PASSWORD',
    'WORKFLOW_PRODUCT_ROOT',
  ],
  withEnvFiles(ROOT, process.env),
);

export interface SeedContext {
  db: Db;
  log: Logger;
  /** Each demo user's password from .env (distinct: the viewer's login must not open the admin's). */
  demoPasswords: { admin: string; operator: string; viewer: string; broker?: string };
}

export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}

/**
 * What the seed last set each demo password to: a SHA-256 of the .env value per user (never the
 * password), in .opshub/seed-demo-passwords.<database>.json. Lets the seed tell "an admin changed
 * this password in the app" (keep it) from ".env holds a new value" (apply it).
 */
const APPLIED_FILE = appliedFile(env.DATABASE_URL);

/** One record per database (host, port, name): the users it describes live there. */
function appliedFile(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  const id = `${u.hostname}_${u.port || '5432'}_${u.pathname.slice(1)}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  return path.join(ROOT, '.opshub', `seed-demo-passwords.${id}.json`);
}
const fingerprint = (password: string): string =>
  createHash('sha256').update(`opshub demo password\u0000${password}`).digest('hex');

function readApplied(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(APPLIED_FILE, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * admin, operator and viewer, each with its own password from .env (OPSHUB_ADMIN_PASSWORD,
 * OPSHUB_OPERATOR_PASSWORD, OPSHUB_VIEWER_PASSWORD; `npm run up` generates them), so the logins `up`
 * prints work; with OPSHUB_BROKER_PASSWORD, broker (VIEWER+BROKER), the simulated push broker's account. A demo password someone changed in the app is kept as long as .env still holds the
 * value the seed last applied; when .env's value changes, the seed applies the new one.
 */
async function demoUsers(ctx: SeedContext): Promise<void> {
  const { users } = createOpsServices(ctx.db, { sessionTtlHours: env.SESSION_TTL_HOURS });
  const wanted = [
    { username: 'admin', roles: [Role.ADMIN], password: ctx.demoPasswords.admin },
    { username: 'operator', roles: [Role.OPERATOR], password: ctx.demoPasswords.operator },
    { username: 'viewer', roles: [Role.VIEWER], password: ctx.demoPasswords.viewer },
    ...(ctx.demoPasswords.broker
      ? [{ username: 'broker', roles: [Role.VIEWER, Role.BROKER], password: ctx.demoPasswords.broker }]
      : []),
  ];
  const applied = readApplied();
  for (const { username, roles, password } of wanted) {
    const print = fingerprint(password);
    if (!(await users.findByUsername(username))) {
      await users.create({ username, password, roles });
      ctx.log.info({ username, roles }, 'created demo user');
    } else if (await users.verifyPassword(username, password)) {
      // In step with .env already.
    } else if (applied[username] === print) {
      ctx.log.info({ username }, 'kept the demo user password changed in the app (.env unchanged)');
      continue;
    } else {
      await users.setPassword(username, password);
      ctx.log.info({ username }, 'set the demo user password from .env (its value changed)');
    }
    applied[username] = print;
  }
  mkdirSync(path.dirname(APPLIED_FILE), { recursive: true });
  writeFileSync(APPLIED_FILE, `${JSON.stringify(applied, null, 2)}\n`, { mode: 0o600 });
}

const steps: SeedStep[] = [
  { name: 'ops: demo users', run: demoUsers },
  {
    name: 'workflow: demo programme',
    run: async (ctx) =>
      void (await seedWorkflowDemo(ctx.db, {
        log: ctx.log,
        store: { productRoot: env.WORKFLOW_PRODUCT_ROOT },
      })),
  },
  { name: 'dcs: the test stand devices', run: async (ctx) => void (await seedDcsDemo(ctx.db)) },
];

const log = createLogger('seed', env.LOG_LEVEL);
const passwords = {
  admin: env.OPSHUB_ADMIN_PASSWORD,
  operator: env.OPSHUB_OPERATOR_PASSWORD,
  viewer: env.OPSHUB_VIEWER_PASSWORD,
};
// Optional: a database seeded without it has no broker account (the push broker then does not start).
const brokerPassword = env.OPSHUB_BROKER_PASSWORD;
const unset = Object.entries(passwords)
  .filter(([, p]) => !p)
  .map(([u]) => `OPSHUB_${u.toUpperCase()}_PASSWORD`);
if (unset.length) {
  log.fatal({ unset }, 'demo passwords not set (npm run up writes them to .env)');
  process.exit(1);
}
const all = [...Object.values(passwords), ...(brokerPassword ? [brokerPassword] : [])];
if (new Set(all).size < all.length) {
  log.fatal('the demo users need distinct passwords: the viewer login must not open the admin account');
  process.exit(1);
}
const db = createDb(env.DATABASE_URL, { max: 4 });
const ctx: SeedContext = {
  db,
  log,
  demoPasswords: {
    ...(passwords as Omit<SeedContext['demoPasswords'], 'broker'>),
    ...(brokerPassword ? { broker: brokerPassword } : {}),
  },
};
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
