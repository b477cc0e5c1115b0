// The ops subgraph's password hashing process (see password.process.ts). Plain JavaScript so it
// starts without a TypeScript loader. It lowers its own CPU priority before argon2 creates any
// thread (threads inherit it), so a burst of sign-ins cannot take the CPU from the requests of
// signed-in users: the kernel runs them first and hashes with what is left.
import { readdirSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { setPriority } from 'node:os';

/** Lowers every thread of this process (on Linux each thread has its own nice value). */
function lowerPriority() {
  try {
    for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), 19);
  } catch {
    try {
      setPriority(19);
    } catch {
      // Not allowed here: hash at normal priority.
    }
  }
}

lowerPriority();
const { default: argon2 } = await import('argon2');
await access('.'); // the libuv threadpool, where argon2 runs, exists from here on
lowerPriority();

process.on('message', async (message) => {
  const { id, op, hash, password } = message;
  try {
    const result = op === 'hash' ? await argon2.hash(password) : await argon2.verify(hash, password);
    process.send({ id, ok: true, result });
  } catch (error) {
    process.send({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
