// Cheap "does it answer?" checks for the services up.mjs needs, each bounded by a timeout.
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './paths.mjs';

/** Opens a TCP connection, runs `talk` on it and resolves with its result (false on any failure). */
function withSocket(host, port, timeoutMs, talk) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once('error', () => finish(false));
    socket.once('connect', () => talk(socket, finish));
  });
}

export function tcpOpen(host, port, timeoutMs = 1000) {
  return withSocket(host, port, timeoutMs, (_socket, finish) => finish(true));
}

/** True when something speaking Redis answers PING (an auth error still counts as an answer). */
export function redisAnswers(url, timeoutMs = 1500) {
  const u = new URL(url);
  return withSocket(u.hostname, Number(u.port || 6379), timeoutMs, (socket, finish) => {
    socket.once('data', (data) => finish(/^[+-]/.test(data.toString())));
    socket.write('PING\r\n');
  });
}

/** MQTT's variable-length "remaining length". */
function remainingLength(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

const mqttString = (s) => {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
};

/**
 * The return code of an MQTT 3.1.1 broker's CONNACK to a CONNECT (0 accepted, 4 bad user name or
 * password, 5 not authorised), optionally with a login; null when nothing answers like a broker.
 */
export function mqttConnack(url, { username, password } = {}, timeoutMs = 1500) {
  const u = new URL(url);
  let flags = 0x02;
  if (username !== undefined) flags |= 0x80;
  if (password !== undefined) flags |= 0x40;
  const variable = Buffer.from([0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, flags, 0x00, 0x0a]);
  const payload = Buffer.concat([
    mqttString(`opshub-probe-${process.pid}-${Math.random().toString(36).slice(2, 8)}`),
    ...(username !== undefined ? [mqttString(username)] : []),
    ...(password !== undefined ? [mqttString(password)] : []),
  ]);
  const body = Buffer.concat([variable, payload]);
  const connect = Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]);
  return withSocket(u.hostname, Number(u.port || 1883), timeoutMs, (socket, finish) => {
    socket.once('data', (data) => {
      if (data[0] !== 0x20) return finish(null);
      if (data[3] === 0) socket.write(Buffer.from([0xe0, 0x00]));
      finish(data[3]);
    });
    socket.write(connect);
  }).then((code) => (code === false ? null : code));
}

/** True when an MQTT 3.1.1 broker answers CONNECT with a CONNACK (accepted or not). */
export async function mqttAnswers(url, timeoutMs = 1500) {
  return (await mqttConnack(url, {}, timeoutMs)) !== null;
}

/** node-postgres from the installed tree (only after npm install). */
export async function loadPg() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  return require('pg');
}

/** True when Postgres at `url` accepts a connection and answers `select 1`. */
export async function postgresAnswers(url, timeoutMs = 3000) {
  const u = new URL(url);
  if (!(await tcpOpen(u.hostname, Number(u.port || 5432), timeoutMs))) return false;
  const pg = await loadPg();
  // Ask the maintenance database: the target database may not exist yet.
  const client = new pg.Client({
    connectionString: withDatabase(url, 'postgres'),
    connectionTimeoutMillis: timeoutMs,
  });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** True when GET url answers 2xx within the timeout. */
export async function httpOk(url, timeoutMs = 2000) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer().catch(() => undefined);
    return res.ok;
  } catch {
    return false;
  }
}

/** A port the OS says is free now. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when nothing listens on host:port (we can bind it ourselves). */
export function portFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Polls `check` until it returns a truthy value or the deadline passes; `onTick` may throw to
 * stop early (a child that died). Never waits silently: the error names what it waited for.
 */
export async function waitFor(what, check, { timeoutMs, intervalMs = 250, onTick } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (onTick) await onTick();
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
