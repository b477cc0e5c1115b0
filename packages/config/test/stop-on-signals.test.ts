// The one shutdown handler of gateway, subgraphs and workers, in real child processes: a signal runs
// the stop, and a process told to stop exits by its deadline even when its stop hangs (review L9): a
// stalled database write must not keep a process that was asked to go alive until someone SIGKILLs it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = path.join(import.meta.dirname, 'fixtures', 'stopping-process.ts');

/** Starts the fixture, sends `signals` once it is ready, and reports how it ended. */
async function stopped(
  mode: string,
  signals: NodeJS.Signals[] = ['SIGTERM'],
  deadlineMs = 300,
): Promise<{ code: number | null | 'still running'; output: string[]; ms: number }> {
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', fixture, mode, String(deadlineMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean)));
  const printed = (line: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const poll = setInterval(() => {
        if (!output.includes(line)) return;
        clearInterval(poll);
        resolve();
      }, 5);
      void exited.then((code) => {
        clearInterval(poll);
        reject(new Error(`exited with ${code} before printing ${line}`));
      });
    });
  await printed('ready');
  const signalledAt = Date.now();
  for (const [i, signal] of signals.entries()) {
    // Signals are not queued: the next goes once the stop has begun.
    if (i > 0) await printed('stopping');
    child.kill(signal);
  }
  const timeout = new Promise<'still running'>((resolve) =>
    setTimeout(() => resolve('still running'), 5_000),
  );
  const code = await Promise.race([exited, timeout]);
  if (code === 'still running') child.kill('SIGKILL');
  return {
    code,
    output: output.filter((l) => l !== 'ready' && l !== 'stopping'),
    ms: Date.now() - signalledAt,
  };
}

describe('stopOnSignals', () => {
  it('runs the closers in order, then exits with status 0', async () => {
    const { code, output } = await stopped('ok', ['SIGINT'], 10_000);
    expect(code).toBe(0);
    expect(output).toEqual(['closed server', 'closed database']);
  });

  it('runs the later closers when one fails, and exits with status 1', async () => {
    const { code, output } = await stopped('failing', ['SIGTERM'], 10_000);
    expect(code).toBe(1);
    expect(output).toEqual(['closed database']);
  });

  it('exits with status 1 at its deadline when the graceful stop never ends', async () => {
    const { code, ms } = await stopped('stuck');
    expect(code).toBe(1);
    expect(ms).toBeLessThan(3_000);
  });

  it('exits at once on a second signal', async () => {
    const { code, ms } = await stopped('stuck', ['SIGTERM', 'SIGTERM'], 60_000);
    expect(code).toBe(1);
    expect(ms).toBeLessThan(3_000);
  });
});
