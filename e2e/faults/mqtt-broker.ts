// A private mosquitto with persistence on a fixed port that a fault test can stop (SIGTERM: it saves
// its sessions and queued messages) and start again on the same port, as a restarted broker.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@opshub/testing';

export interface PersistentBroker {
  url: string;
  /** Stops the broker gracefully (it writes its persistence file). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same persistence; resolves once it listens. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  remove(): Promise<void>;
}

const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createConnection(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

export async function startPersistentBroker(): Promise<PersistentBroker> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'opshub-mqtt-fault-'));
  // Started as root, mosquitto drops to its own user: it must be able to write its persistence file.
  chmodSync(dir, 0o777);
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir}/`,
      // No queue limit: the machine's default (1,000) would drop QoS 1 messages and fake a loss.
      'max_queued_messages 0',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  const start = async () => {
    child = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
    const deadline = Date.now() + 5_000;
    while (!(await listening(port))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('mosquitto did not start');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop,
    start,
    remove: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
