// Detached children with a log file and a pid file each, so `down` can stop what `up` started.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { LOGS, ROOT, RUN } from './paths.mjs';

export function pidFile(name) {
  return path.join(RUN, `${name}.pid`);
}

export function logFile(name) {
  return path.join(LOGS, `${name}.log`);
}

/** Pid file: line 1 the pid, line 2 the signal that stops it, line 3 a marker of its command line. */
export function writePidFile(name, pid, { marker = '', stopSignal = 'SIGTERM', group = true } = {}) {
  mkdirSync(RUN, { recursive: true });
  writeFileSync(pidFile(name), `${pid}\n${stopSignal}\n${marker}\n${group ? 'group' : 'single'}\n`);
}

export function readPidFile(name) {
  const file = pidFile(name);
  if (!existsSync(file)) return null;
  const [pid, stopSignal, marker, group] = readFileSync(file, 'utf8').split('\n');
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return null;
  return {
    name,
    pid: n,
    stopSignal: stopSignal || 'SIGTERM',
    marker: marker ?? '',
    group: group !== 'single',
  };
}

export function removePidFile(name) {
  rmSync(pidFile(name), { force: true });
}

export function pidNames() {
  if (!existsSync(RUN)) return [];
  return readdirSync(RUN)
    .filter((f) => f.endsWith('.pid'))
    .map((f) => f.slice(0, -4));
}

/** Alive, and (where /proc shows it) still the process we started rather than a reused pid. */
export function isOurs(entry) {
  try {
    process.kill(entry.pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  const cmdline = `/proc/${entry.pid}/cmdline`;
  if (!entry.marker || !existsSync(cmdline)) return true;
  try {
    return readFileSync(cmdline, 'utf8').replaceAll('\0', ' ').includes(entry.marker);
  } catch {
    return false;
  }
}

function signal(entry, sig) {
  try {
    // Detached children lead their own process group: signal the group so grandchildren stop too.
    process.kill(entry.group ? -entry.pid : entry.pid, sig);
  } catch {
    try {
      process.kill(entry.pid, sig);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Stops the process behind a pid file: its stop signal, then SIGKILL after graceMs.
 * Returns 'stopped', 'killed' or 'stale' (no live process: the pid file is removed).
 */
export async function stopByPidFile(name, graceMs = 10_000) {
  const entry = readPidFile(name);
  if (!entry || !isOurs(entry)) {
    removePidFile(name);
    return 'stale';
  }
  signal(entry, entry.stopSignal);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isOurs(entry)) {
      removePidFile(name);
      return 'stopped';
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  signal(entry, 'SIGKILL');
  removePidFile(name);
  return 'killed';
}

/**
 * Starts `node <args>` (or `command <args>`) detached from this process, output appended to
 * .opshub/logs/<name>.log. `exited` is filled in if the child dies while up.mjs still watches it.
 */
export function startDetached(
  name,
  args,
  env,
  { marker = args.at(-1), stopSignal = 'SIGTERM', command = process.execPath } = {},
) {
  mkdirSync(LOGS, { recursive: true });
  const log = logFile(name);
  const fd = openSync(log, 'a');
  writeSync(fd, `\n--- ${new Date().toISOString()} npm run up: starting ${name} ---\n`);
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const handle = { name, pid: child.pid, log, exited: null };
  child.once('exit', (code, sig) => (handle.exited = sig ?? `code ${code}`));
  child.unref();
  writePidFile(name, child.pid, { marker, stopSignal });
  return handle;
}

/** The last `lines` lines of a log file. */
export function tail(file, lines = 30) {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
