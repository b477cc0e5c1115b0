// npm run up: the database (migrated, seeded) and the web app's build.
import path from 'node:path';
import { ensureDatabase, pendingMigrations } from '../lib/database.mjs';
import { ROOT } from '../lib/paths.mjs';
import { runLogged } from '../lib/run.mjs';
import { webBuildState } from '../lib/web.mjs';
import { say } from './report.mjs';

export async function prepareDatabase(env) {
  if (await ensureDatabase(env.DATABASE_URL))
    say(`Created database ${new URL(env.DATABASE_URL).pathname.slice(1)}`);
  const pending = await pendingMigrations(env.DATABASE_URL);
  if (pending.length === 0) say('Database schema is up to date');
  else {
    say(`Applying ${pending.length} migration(s): prisma migrate deploy…`);
    await runLogged('migrate', path.join(ROOT, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
      env,
      timeoutMs: 180_000,
    });
  }
  say('Seeding demo data…');
  await runLogged('seed', process.execPath, ['--import', './scripts/register.mjs', 'prisma/seed.ts'], {
    env,
    timeoutMs: 120_000,
  });
}

export async function buildWeb(env) {
  const state = webBuildState(env.WEB_DIST || 'web/dist');
  if (state === 'missing-script') return say('web/ has no build script yet: skipping the web build');
  if (state === 'up-to-date') return say('Web app is up to date');
  say('Building the web app: npm run build -w web…');
  await runLogged('web-build', 'npm', ['run', 'build', '-w', 'web'], { env, timeoutMs: 300_000 });
  say('Web app built');
}
