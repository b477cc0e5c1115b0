import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import argon2 from 'argon2';

/** Where argon2 runs: in this process, or in a low-priority process of its own. */
export interface Argon2Backend {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  close(): Promise<void>;
}

/** argon2 on this process's libuv pool (the CLI, the seed, tests). */
export const inProcessArgon2: Argon2Backend = {
  hash: (password) => argon2.hash(password),
  verify: (hash, password) => argon2.verify(hash, password),
  close: async () => undefined,
};

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

const CHILD = fileURLToPath(new URL('./password-hasher.child.mjs', import.meta.url));

/**
 * argon2 in a child process at the lowest CPU priority (the ops subgraph). A hash costs ~200 ms of
 * CPU: on a small machine, a few at normal priority delay every other request by their wake-up
 * latency. At nice 19 the kernel serves the signed-in users' requests first. The child starts on
 * first use, is restarted if it dies, and keeps the parent alive only while a hash is pending.
 */
export class ChildProcessArgon2 implements Argon2Backend {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  hash(password: string): Promise<string> {
    return this.call({ op: 'hash', password }) as Promise<string>;
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.call({ op: 'verify', hash, password }) as Promise<boolean>;
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill();
    });
  }

  private call(message: { op: 'hash' | 'verify'; hash?: string; password: string }): Promise<unknown> {
    const child = this.started();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.channel?.ref();
      child.send({ id, ...message }, (error) => {
        if (error) this.settle(id, { ok: false, error: error.message });
      });
    });
  }

  private started(): ChildProcess {
    if (this.child && this.child.exitCode === null && this.child.connected) return this.child;
    const child = fork(CHILD, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) =>
      this.settle(m.id, m),
    );
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
      for (const id of [...this.pending.keys()])
        this.settle(id, { ok: false, error: 'password hasher exited' });
    });
    child.unref();
    child.channel?.unref();
    this.child = child;
    return child;
  }

  private settle(id: number, m: { ok: boolean; result?: unknown; error?: string }): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.child?.channel?.unref();
    if (m.ok) pending.resolve(m.result);
    else pending.reject(new Error(m.error ?? 'password hashing failed'));
  }
}
