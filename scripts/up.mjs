// `npm run up`: from a fresh clone to a running hub. Plain Node (no dependencies), because it
// runs before node_modules exist. Reuses what an earlier run installed, created or started.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDatabase, pendingMigrations } from './lib/database.mjs';
import { demoLogins, missingDemoPasswords } from './lib/demo-users.mjs';
import { mosquittoInstalled, prepareDevMosquitto } from './lib/dev-mosquitto.mjs';
import { ensureEmbeddedPostgres } from './lib/embedded-postgres.mjs';
import { formatEnv, readEnvFile } from './lib/env-file.mjs';
import { ensureInstalled } from './lib/install.mjs';
import { appendToEnvFile, missingMqttPasswords, mqttIdentities } from './lib/mqtt-identities.mjs';
import { ENV_FILE, ROOT, RUNTIME_ENV_FILE } from './lib/paths.mjs';
import {
  httpOk,
  mqttAnswers,
  mqttConnack,
  portFree,
  postgresAnswers,
  redisAnswers,
  waitFor,
  freePort,
} from './lib/probe.mjs';
import { isOurs, logFile, pidNames, readPidFile, startDetached, stopByPidFile } from './lib/processes.mjs';
import { runLogged, StepError, tail } from './lib/run.mjs';
import { webBuildState } from './lib/web.mjs';

const started = Date.now();
const say = (line) =>
  console.log(`[up ${String(Math.round((Date.now() - started) / 1000)).padStart(3)} s] ${line}`);
const TS = ['--import', '@swc-node/register/esm-register'];
const SUBGRAPHS = [
  ['ops', 'OPS_PORT', 4101],
  ['alerts', 'ALERTS_PORT', 4102],
  ['workflow', 'WORKFLOW_PORT', 4103],
  ['dcs', 'DCS_PORT', 4104],
  ['dqm', 'DQM_PORT', 4105],
];
/** Pid files of the embedded services: reused across runs, stopped only by `down`. */
const SERVICES = new Set(['postgres', 'mqtt']);

class Failure extends Error {
  constructor(message, log) {
    super(message);
    this.log = log;
  }
}

/**
 * Writes .env with local defaults on the first run; never rewrites an existing one, only appends
 * the MQTT identities' passwords it lacks (each device and hub service logs in as itself) and the
 * demo users' (each its own).
 */
function ensureEnvFile() {
  if (existsSync(ENV_FILE)) {
    const env = readEnvFile(ENV_FILE);
    const added = missingMqttPasswords(env);
    if (Object.keys(added).length) {
      appendToEnvFile(
        ENV_FILE,
        added,
        `MQTT identities' passwords, added by npm run up on ${new Date().toISOString()}`,
      );
      say(`Added to .env a password for each MQTT identity it lacked: ${Object.keys(added).join(', ')}`);
    }
    const demo = missingDemoPasswords(env);
    if (Object.keys(demo).length) {
      appendToEnvFile(
        ENV_FILE,
        demo,
        `demo users' passwords (one each), added by npm run up on ${new Date().toISOString()}`,
      );
      say(`Added to .env a password for each demo user it lacked: ${Object.keys(demo).join(', ')}`);
    }
    return { ...env, ...added, ...demo };
  }
  const defaults = {
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/opshub',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: 'opshub',
    MQTT_URL: 'mqtt://127.0.0.1:1883',
    OPSHUB_SECRET: randomBytes(48).toString('base64url'),
    // One password per demo user (admin, operator, viewer).
    ...missingDemoPasswords({}),
    GATEWAY_PORT: '4000',
    WEB_DIST: 'web/dist',
    // One password per MQTT identity (docker/mosquitto/identities): the hub's bridge and command publisher, each device.
    ...missingMqttPasswords({}),
  };
  writeFileSync(
    ENV_FILE,
    `# Written by npm run up on ${new Date().toISOString()}; edit freely, up never overwrites it.\n${formatEnv(defaults)}\n`,
    { mode: 0o600 },
  );
  say('Wrote .env with local defaults (a new OPSHUB_SECRET, a password per demo user and per MQTT identity)');
  return defaults;
}

/** Stops the hub processes (not the embedded services) that pid files name; returns their names. */
async function stopHub() {
  const names = pidNames().filter((n) => !SERVICES.has(n));
  const results = await Promise.all(names.map(async (n) => [n, await stopByPidFile(n)]));
  return results.filter(([, r]) => r !== 'stale').map(([n]) => n);
}

async function ensurePostgres(env, overrides) {
  if (await postgresAnswers(env.DATABASE_URL))
    return say(`Postgres answers at ${new URL(env.DATABASE_URL).host}`);
  say(`No Postgres answers at ${new URL(env.DATABASE_URL).host}: using embedded Postgres`);
  overrides.DATABASE_URL = await ensureEmbeddedPostgres(env.DATABASE_URL, say);
}

/** The broker's answer to the hub's bridge identity (0 = accepted), as the workers will log in. */
function bridgeLogin(url, env) {
  return mqttConnack(url, {
    username: env.MQTT_BRIDGE_USERNAME || 'opshub-bridge',
    password: env.MQTT_BRIDGE_PASSWORD ?? '',
  });
}

async function ensureMqtt(env, overrides) {
  if (await mqttAnswers(env.MQTT_URL)) {
    say(`MQTT broker answers at ${env.MQTT_URL}`);
    // Someone else's broker: say plainly when it lets anyone in or does not know our identities.
    if ((await mqttConnack(env.MQTT_URL)) === 0)
      say(
        '  warning: it accepts anonymous clients, so it enforces no identities and no ACL (anything can send device commands)',
      );
    else if ((await bridgeLogin(env.MQTT_URL, env)) !== 0)
      say(
        `  warning: it refuses the bridge identity ${env.MQTT_BRIDGE_USERNAME || 'opshub-bridge'}: give it the identities of docker/mosquitto/identities with the passwords in .env`,
      );
    return;
  }
  const runtime = readEnvFile(RUNTIME_ENV_FILE);
  const previous = runtime.MQTT_URL;
  const broker = readPidFile('mqtt');
  // Reused only while it still knows the passwords in .env (they are read when it starts); our
  // mosquitto is probed on its plaintext loopback twin of the TLS port.
  if (
    previous &&
    broker &&
    isOurs(broker) &&
    (await bridgeLogin(runtime.MQTT_PROBE_URL || previous, env)) === 0
  ) {
    for (const key of ['MQTT_URL', 'MQTT_CA_FILE', 'MQTT_PROBE_URL', 'MQTT_PROTOCOL_VERSION'])
      if (runtime[key]) overrides[key] = runtime[key];
    return say(`Our MQTT broker is already running at ${previous}`);
  }
  await stopByPidFile('mqtt');
  const identities = `${mqttIdentities().length} identities with their passwords from .env, the production ACL`;
  if (mosquittoInstalled()) {
    const dev = prepareDevMosquitto(env, { port: await freePort(), loopbackPort: await freePort() });
    say(
      `No MQTT broker answers at ${env.MQTT_URL}: starting mosquitto as in production at ${dev.url} (TLS, ${identities})`,
    );
    const handle = startDetached('mqtt', dev.args, dev.env, { command: dev.command, marker: dev.marker });
    await waitFor('our mosquitto', async () => (await bridgeLogin(dev.loopbackUrl, env)) === 0, {
      timeoutMs: 30_000,
      onTick: () => {
        if (handle.exited) throw new Failure(`mosquitto exited (${handle.exited})`, handle.log);
      },
    });
    Object.assign(overrides, {
      MQTT_URL: dev.url,
      MQTT_CA_FILE: dev.caFile,
      MQTT_PROBE_URL: dev.loopbackUrl,
    });
    return;
  }
  const port = (await portFree(1883)) ? 1883 : await freePort();
  const url = `mqtt://127.0.0.1:${port}`;
  say(
    `No MQTT broker answers at ${env.MQTT_URL} and mosquitto is not installed: starting the embedded broker ` +
      `(aedes, MQTT 3.1.1 only) at ${url}, ${identities}`,
  );
  const handle = startDetached('mqtt', [...TS, 'simulators/src/embedded-mqtt.ts'], { ...env, MQTT_URL: url });
  await waitFor('the embedded MQTT broker', async () => (await bridgeLogin(url, env)) === 0, {
    timeoutMs: 30_000,
    onTick: () => {
      if (handle.exited) throw new Failure(`The embedded MQTT broker exited (${handle.exited})`, handle.log);
    },
  });
  overrides.MQTT_URL = url;
  // aedes speaks MQTT 3.1.1 only: the bridge follows (it uses MQTT 5 with every other broker).
  overrides.MQTT_PROTOCOL_VERSION = '4';
}

async function prepareDatabase(env) {
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

async function buildWeb(env) {
  const state = webBuildState(env.WEB_DIST || 'web/dist');
  if (state === 'missing-script') return say('web/ has no build script yet: skipping the web build');
  if (state === 'up-to-date') return say('Web app is up to date');
  say('Building the web app: npm run build -w web…');
  await runLogged('web-build', 'npm', ['run', 'build', '-w', 'web'], { env, timeoutMs: 300_000 });
  say('Web app built');
}

/** Fails fast, naming the setting to change, when a port we need is taken by something else. */
async function checkPorts({ subgraphs, others }) {
  for (const app of [...subgraphs, ...others]) {
    if (app.port && !(await portFree(app.port, '127.0.0.1'))) {
      throw new Failure(
        `Port ${app.port} (${app.name}) is in use by another process: stop it, or set ${app.portKey} in .env`,
      );
    }
  }
}

function watchExit(handles) {
  return () => {
    const dead = handles.find((h) => h.exited);
    if (dead) throw new Failure(`${dead.name} exited (${dead.exited}) while starting`, dead.log);
  };
}

/** The hub's processes whose entry file exists (the others are not written yet). */
function plannedApps(env) {
  const subgraphs = SUBGRAPHS.filter(([name]) =>
    existsSync(path.join(ROOT, 'subgraphs', name, 'src', 'main.ts')),
  ).map(([name, portKey, port]) => ({
    name,
    portKey,
    port: Number(env[portKey] || port),
    file: `subgraphs/${name}/src/main.ts`,
  }));
  const others = [
    {
      name: 'gateway',
      portKey: 'GATEWAY_PORT',
      port: Number(env.GATEWAY_PORT || 4000),
      file: 'gateway/src/main.ts',
    },
    { name: 'workers', file: 'workers/src/main.ts' },
    { name: 'simulators', file: 'simulators/src/main.ts' },
  ].filter((a) => existsSync(path.join(ROOT, a.file)));
  return { subgraphs, others };
}

async function startApps(env, { subgraphs, others }) {
  say(`Starting subgraphs: ${subgraphs.map((s) => s.name).join(', ')}…`);
  const handles = subgraphs.map((s) => startDetached(s.name, [...TS, s.file], env));
  await Promise.all(
    subgraphs.map((s) =>
      waitFor(
        `${s.name} at http://127.0.0.1:${s.port}/healthz`,
        () => httpOk(`http://127.0.0.1:${s.port}/healthz`),
        {
          timeoutMs: 90_000,
          onTick: watchExit(handles),
        },
      ).catch((error) => {
        throw error instanceof Failure ? error : new Failure(error.message, logFile(s.name));
      }),
    ),
  );
  say('Subgraphs are healthy');

  if (others.length) say(`Starting ${others.map((a) => a.name).join(', ')}…`);
  const rest = others.map((a) => startDetached(a.name, [...TS, a.file], env));
  handles.push(...rest);
  const gateway = others.find((a) => a.name === 'gateway');
  if (!gateway) return say('gateway/src/main.ts does not exist yet: not waiting for /readyz');
  const readyz = `http://127.0.0.1:${gateway.port}/readyz`;
  await waitFor(`the gateway at ${readyz}`, () => httpOk(readyz), {
    timeoutMs: 90_000,
    onTick: watchExit(handles),
  }).catch((error) => {
    throw error instanceof Failure ? error : new Failure(error.message, logFile('gateway'));
  });
  return gateway.port;
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
  };
  const runEnv = { ...demo, ...env, ...overrides };
  const apps = plannedApps(runEnv);
  await checkPorts(apps);

  await Promise.all([prepareDatabase(runEnv), buildWeb(runEnv)]);
  const port = await startApps(runEnv, apps);

  const seconds = Math.round((Date.now() - started) / 1000);
  const base = `http://localhost:${port ?? runEnv.GATEWAY_PORT ?? 4000}`;
  console.log(`
opshub is up (${seconds} s)
  Web app:    ${base}
  GraphQL:    ${base}/graphql   (subscriptions: graphql-ws on the same URL)
  Demo logins (each its own password, in .env):
    ${demoLogins(runEnv).join('\n    ')}
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
