import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './isolation.js';

/** The production broker's files (config, ACL, identities, start and certificate scripts). */
const SHIPPED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docker/mosquitto');

export interface RunningMosquitto {
  url: string;
  port: number;
  /** What the broker printed so far (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

export interface ShippedMosquitto extends RunningMosquitto {
  /** The throwaway CA that signed the broker's certificate: pass it as the clients' `ca`. */
  ca: Buffer;
}

async function listening(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = createConnection(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

async function run(
  command: string,
  args: string[],
  port: number,
  dir: string,
  env?: NodeJS.ProcessEnv,
): Promise<RunningMosquitto> {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('error', (e) => keep(Buffer.from(`${e.message} (apt-get install -y mosquitto)\n`)));
  const deadline = Date.now() + 5_000;
  while (!(await listening(port))) {
    if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`mosquitto did not start (apt-get install -y mosquitto):\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A mosquitto of the test's own on a free port with `max_queued_messages 0`: the machine's broker
 * drops QoS 1 messages past its default queue of 1,000, which would hide or fake a loss.
 */
export async function startMosquitto(): Promise<RunningMosquitto> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'opshub-mosquitto-'));
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'max_queued_messages 0',
      'max_inflight_messages 0',
      '',
    ].join('\n'),
  );
  return run('mosquitto', ['-c', conf], port, dir);
}

/**
 * The production broker as shipped in docker/mosquitto, on free loopback ports: the same
 * mosquitto.conf, ACL and identities, started by the same start.sh from `passwords` (the
 * MQTT_<ID>_PASSWORD settings), with a TLS certificate from make-certs.sh signed by a throwaway CA.
 * Only the container paths and the two listeners' ports are substituted.
 */
export async function startShippedMosquitto(passwords: Record<string, string>): Promise<ShippedMosquitto> {
  const [port, loopbackPort] = [await freePort(), await freePort()];
  const home = mkdtempSync(path.join(tmpdir(), 'opshub-mosquitto-shipped-'));
  // Run as root, mosquitto drops to its own user: it must be able to reach its files.
  chmodSync(home, 0o755);
  for (const d of ['config', 'data', 'certs']) mkdirSync(path.join(home, d), { mode: 0o755 });
  for (const f of ['acl', 'identities']) copyFileSync(path.join(SHIPPED, f), path.join(home, 'config', f));
  const shipped = readFileSync(path.join(SHIPPED, 'mosquitto.conf'), 'utf8');
  const conf = shipped
    .replaceAll('/mosquitto/', `${home}/`)
    .replace(/^listener 8883$/m, `listener ${port} 127.0.0.1`)
    .replace(/^listener 1883 127\.0\.0\.1$/m, `listener ${loopbackPort} 127.0.0.1`);
  if (conf === shipped || !conf.includes(`listener ${port} `) || !conf.includes(`listener ${loopbackPort} `))
    throw new Error('docker/mosquitto/mosquitto.conf no longer has the listeners this harness substitutes');
  writeFileSync(path.join(home, 'config', 'mosquitto.conf'), conf);
  execFileSync(
    'sh',
    [path.join(SHIPPED, 'make-certs.sh'), path.join(home, 'certs'), 'localhost', '127.0.0.1'],
    {
      stdio: 'pipe',
    },
  );
  const ca = readFileSync(path.join(home, 'certs', 'ca.crt'));
  const broker = await run('sh', [path.join(SHIPPED, 'start.sh')], port, home, {
    PATH: process.env['PATH'],
    MOSQUITTO_HOME: home,
    ...passwords,
  });
  return { ...broker, url: `mqtts://127.0.0.1:${port}`, ca };
}
