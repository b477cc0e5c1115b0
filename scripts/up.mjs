// `npm run up`: from a fresh clone to a running hub. Plain Node (no dependencies), because it
// runs before node_modules exist. Reuses what an earlier run installed, created or started.
// The steps live in scripts/up/: env-file, services (Postgres, MQTT), prepare (database, web), apps.
import { createHmac } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoLogins } from './lib/demo-users.mjs';
import { formatEnv } from './lib/env-file.mjs';
import { ensureInstalled } from './lib/install.mjs';
import { ROOT, RUNTIME_ENV_FILE } from './lib/paths.mjs';
import { redisAnswers } from './lib/probe.mjs';
import { pidNames, stopByPidFile } from './lib/processes.mjs';
import { StepError, tail } from './lib/run.mjs';
import { checkPorts, plannedApps, startApps } from './up/apps.mjs';
import { ensureEnvFile } from './up/env-file.mjs';
import { buildWeb, prepareDatabase } from './up/prepare.mjs';
import { Failure, elapsed, say } from './up/report.mjs';
import { ensureMqtt, ensurePostgres } from './up/services.mjs';

/** Pid files of the embedded services: reused across runs, stopped only by `down`. */
const SERVICES = new Set(['postgres', 'mqtt']);

/** Stops the hub processes (not the embedded services) that pid files name; returns their names. */
async function stopHub() {
  const names = pidNames().filter((n) => !SERVICES.has(n));
  const results = await Promise.all(names.map(async (n) => [n, await stopByPidFile(n)]));
  return results.filter(([, r]) => r !== 'stale').map(([n]) => n);
}

async function main() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19))
    throw new Failure(`Node ${process.versions.node} is too old: opshub needs Node 20.19+ or 22+`);
  const leftover = await stopHub();
  if (leftover.length) say(`Stopped what an earlier up left running: ${leftover.join(', ')}`);
  await ensureInstalled(say);
  const fileEnv = ensureEnvFile();
  const env = { ...fileEnv, ...process.env };
  const overrides = {};
  await ensurePostgres(env, overrides);
  if (!(await redisAnswers(env.REDIS_URL))) {
    console.error(`Redis is not running on ${env.REDIS_URL}: start it with: redis-server --daemonize yes`);
    process.exit(1);
  }
  say(`Redis answers at ${env.REDIS_URL}`);
  await ensureMqtt(env, overrides);
  // Commands run by hand afterwards (npm run opshub, db:seed) read these to find the embedded services.
  if (Object.keys(overrides).length)
    writeFileSync(RUNTIME_ENV_FILE, `${formatEnv(overrides)}\n`, { mode: 0o600 });
  else rmSync(RUNTIME_ENV_FILE, { force: true });
  // The demo keeps OUSs moving through their lifecycle so the board is alive on first open (WORKFLOW_DEMO=false in .env stops it).
  const ptyDir = path.join(ROOT, '.opshub', 'pty');
  const demo = {
    WORKFLOW_DEMO: 'true',
    SIMULATORS_PTY_DIR: ptyDir,
    JULABO_PORT: path.join(ptyDir, 'julabo-host'),
    // The NectarCAM results simulator, registered by the workers as a source: runs appear on a fresh clone.
    NECTARCAM_SIM_PORT: '4195',
    NECTARCAM_SOURCE_URL: 'http://127.0.0.1:4195/',
    // Six simulated DQM machines' agents on 9215–9220 (production, then playback), registered by the workers.
    DQM_AGENTS_SIM_PORT: '9215',
    DQM_AGENTS_SIM_STEP_MS: '5000',
    // Derived from the hub's secret, so it stays the one the agents were registered with.
    DQM_AGENT_SECRET: createHmac('sha256', env.OPSHUB_SECRET).update('dqm-agent-secret').digest('base64url'),
    DQM_SQUARE_AGENTS: [9215, 9216, 9217, 9218, 9219, 9220]
      .map((port, i) => `${i < 3 ? 'PRODUCTION' : 'PLAYBACK'}=http://127.0.0.1:${port}`)
      .join(','),
    // A simulated survey's alert stream on 4191, registered by the workers as an alert source: a batch every 4 s.
    ALERT_STREAM_SIM_PORT: '4191',
    ALERT_SOURCE_URL: 'http://127.0.0.1:4191/',
    // A simulated broker on 4192 classifying that stream, registered by the workers as a broker source.
    BROKER_SIM_PORT: '4192',
    BROKER_SOURCE_URL: 'http://127.0.0.1:4192/',
    // A second simulated broker PUTting its classifications to the gateway, signed in as the demo broker account.
    BROKER_PUSH_HUB_URL: `http://127.0.0.1:${env.GATEWAY_PORT || 4000}/`,
    // /metrics on loopback without a token, on the ports docker/prometheus/prometheus.yml scrapes.
    GATEWAY_ADMIN_PORT: '9400',
    WORKERS_METRICS_PORT: '9464',
  };
  const runEnv = { ...demo, ...env, ...overrides };
  const apps = await plannedApps(runEnv);
  await checkPorts(apps);

  await Promise.all([prepareDatabase(runEnv), buildWeb(runEnv)]);
  const port = await startApps(runEnv, apps);

  const seconds = elapsed();
  const base = `http://localhost:${port ?? runEnv.GATEWAY_PORT ?? 4000}`;
  console.log(`
opshub is up (${seconds} s)
  Web app:    ${base}
  GraphQL:    ${base}/graphql   (subscriptions: graphql-ws on the same URL)
  Demo logins (each its own password, in .env):
    ${demoLogins(runEnv).join('\n    ')}
  Metrics:    http://127.0.0.1:${runEnv.GATEWAY_ADMIN_PORT}/metrics (gateway), http://127.0.0.1:${runEnv.WORKERS_METRICS_PORT}/metrics (workers)
  Logs:       .opshub/logs/<process>.log
  Stop with:  npm run down`);
}

process.once('SIGINT', () => {
  console.error('\nInterrupted: processes already started keep running; stop them with: npm run down');
  process.exit(130);
});

main().catch(async (error) => {
  console.error(`\nnpm run up failed: ${error.message}`);
  if (error instanceof Failure || error instanceof StepError) {
    if (error.log)
      console.error(`--- last lines of ${path.relative(ROOT, error.log)} ---\n${tail(error.log, 40)}\n---`);
  } else console.error(error.stack);
  // Leave nothing half-started: the hub processes stop; the embedded services stay for the next up.
  const stopped = await stopHub();
  if (stopped.length) console.error(`Stopped ${stopped.join(', ')}; logs are in .opshub/logs/`);
  process.exit(1);
});
