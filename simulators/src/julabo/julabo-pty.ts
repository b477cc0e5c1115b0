import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A pseudo-terminal pair from socat: `hostPath` is what the hub opens as if it were the chiller's
 * USB serial adapter, `devicePath` is the chiller's end. `cut()` pulls the cable (socat exits, both
 * ends go away); `restore()` plugs a new one in at the same paths.
 */
export interface PtyPair {
  hostPath: string;
  devicePath: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function createPtyPair(options: { dir?: string; name?: string } = {}): Promise<PtyPair> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'opshub-pty-'));
  const name = options.name ?? 'julabo';
  const hostPath = path.join(dir, `${name}-host`);
  const devicePath = path.join(dir, `${name}-device`);
  let socat: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const child = spawn('socat', [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], {
      stdio: 'ignore',
    });
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (e) =>
        reject(new Error(`socat could not start (apt-get install -y socat): ${e.message}`)),
      );
    });
    socat = child;
    await Promise.race([
      waitFor(async () => (await exists(hostPath)) && (await exists(devicePath)), 'the socat pty links'),
      failed,
    ]);
  };
  const stop = async (): Promise<void> => {
    const child = socat;
    socat = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    // socat removes its links on a clean exit; make sure, so a restore waits for fresh ones.
    await waitFor(async () => !(await exists(hostPath)) && !(await exists(devicePath)), 'the links to go');
  };

  await start();
  return {
    hostPath,
    devicePath,
    cut: stop,
    restore: start,
    close: async () => {
      await stop();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
