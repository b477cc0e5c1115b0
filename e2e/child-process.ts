// A script run as a user runs it, for e2e tests: a child process whose stdout lines and stderr are
// collected as they come, with waits for what it prints (ending with a message naming what never came).
import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface Child {
  /** Complete stdout lines so far. */
  readonly lines: string[];
  /** Everything on stderr so far. */
  stderr(): string;
  /** The exit code (128 + n when killed by signal n, as a shell reports it). */
  readonly exited: Promise<number>;
  /** Resolves once `check()` holds (checked on every output); rejects after `ms` or at exit without it. */
  until(what: string, check: () => boolean, ms?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

const SIGNALS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Starts `command args…` in the checkout with `env` over this process's environment. */
export function start(command: string, args: string[], env: Record<string, string | undefined>): Child {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
  const lines: string[] = [];
  let partial = '';
  let errors = '';
  let done = false;
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((w) => w());
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    changed();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    errors += chunk;
    changed();
  });
  const exited = new Promise<number>((resolve) =>
    child.on('close', (code, signal) => {
      done = true;
      if (partial) lines.push(partial);
      resolve(code ?? 128 + (SIGNALS[signal!] ?? 0));
      changed();
    }),
  );
  return {
    lines,
    stderr: () => errors,
    exited,
    until: (what, check, ms = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const waiter = () => {
          if (check()) finish();
          else if (done) finish(new Error(`exited before ${what}`));
        };
        const timer = setTimeout(() => finish(new Error(`no ${what} within ${ms} ms`)), ms);
        const finish = (error?: Error) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          if (error) reject(new Error(`${error.message}\nstdout:\n${lines.join('\n')}\nstderr:\n${errors}`));
          else resolve();
        };
        waiters.add(waiter);
        waiter();
      }),
    kill: (signal) => child.kill(signal),
  };
}

/** `npm run opshub -- subscribe …`, without npm in between (a signal reaches the CLI itself). */
export function subscribeCli(args: string[], env: Record<string, string | undefined>): Child {
  const cli = ['--import', './scripts/register.mjs', '--no-warnings', 'cli/src/main.ts', 'subscribe'];
  return start(process.execPath, [...cli, ...args], env);
}

/** Calls `step()` until `done()` holds: events published before a subscription is live are not seen. */
export async function repeatUntil(
  what: string,
  step: () => Promise<unknown>,
  done: () => boolean,
  ms = 30_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms`);
    await step();
    // The next step once this one had time to travel (not a wait for an outcome: done() decides).
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
