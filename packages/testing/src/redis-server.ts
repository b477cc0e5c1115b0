import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './isolation.js';

async function listening(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = createConnection(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/**
 * A redis-server of the test's own on a free port, without persistence unless asked, that the test may stop
 * (an outage) and start again on the same port (recovery). Never touches the machine's Redis.
 */
export async function startRedisServer(
  options: {
    /**
     * Persist like production: an append-only file in this directory, fsynced at every write, so a
     * SIGKILLed server restarts with every acknowledged write (streams, queues). The caller removes it.
     */
    appendOnlyDir?: string;
  } = {},
): Promise<{
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that keeps its connections open but answers nothing (a hang, not a crash). */
  freeze(frozen: boolean): void;
}> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let running = false;
  const start = async (): Promise<void> => {
    if (running) return;
    const c = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        ...(options.appendOnlyDir
          ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.appendOnlyDir]
          : ['--appendonly', 'no']),
      ],
      {
        stdio: 'ignore',
      },
    );
    child = c;
    running = true;
    c.once('exit', () => {
      running = false;
    });
    const deadline = Date.now() + 5_000;
    while (!(await listening(port))) {
      if (Date.now() > deadline || c.exitCode !== null) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const stop = async (): Promise<void> => {
    const c = child;
    if (!c || !running) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGCONT');
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  const freeze = (frozen: boolean): void => {
    if (running) child?.kill(frozen ? 'SIGSTOP' : 'SIGCONT');
  };
  return { url: `redis://127.0.0.1:${port}`, port, stop, start, freeze };
}
