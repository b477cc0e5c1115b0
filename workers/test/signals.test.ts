// A workers process told to stop exits by its deadline even when its stop hangs (review L9): a
// stalled database write must not keep a process that was asked to go alive until someone SIGKILLs it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = path.join(import.meta.dirname, 'fixtures', 'stuck-stop-process.ts');

describe('exitOnSignals', () => {
  it('exits with status 1 at its deadline when the graceful stop never ends', async () => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', fixture, '300'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const signalledAt = Date.now();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const timeout = new Promise<'still running'>((resolve) =>
      setTimeout(() => resolve('still running'), 5_000),
    );
    const outcome = await Promise.race([exited, timeout]);
    if (outcome === 'still running') child.kill('SIGKILL');
    expect(outcome).toBe(1);
    expect(Date.now() - signalledAt).toBeLessThan(3_000);
  });
});
