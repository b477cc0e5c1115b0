// Starts hub processes as children (each its own event loop, as in production) for benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SUBGRAPHS, type SubgraphName } from '@opshub/config';
import { freePort } from '@opshub/testing';

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export interface Started {
  name: string;
  child: ChildProcess;
}

export function startProcess(name: string, entry: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', entry], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { name, child };
}

/** Polls `url` until it answers 200, or fails after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function stopAll(started: Started[]): Promise<void> {
  await Promise.all(
    started.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
}

export interface ProcessHub {
  /** The gateway's `/graphql`. */
  gatewayUrl: string;
  /** Each started subgraph's `/graphql` (for calls that bypass the gateway). */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
}

/**
 * The hub as production runs it, one process each: the named subgraphs (their main.ts), then the
 * gateway, on free ports, over `env` (database, Redis, secret); resolves once the gateway answers.
 * Every process started is pushed on `started`, for stopAll, even when a later one fails.
 */
export async function startProcessHub(
  names: readonly SubgraphName[],
  env: Record<string, string>,
  started: Started[],
): Promise<ProcessHub> {
  const subgraphs = SUBGRAPHS.filter((s) => names.includes(s.name));
  const ports = new Map(await Promise.all(subgraphs.map(async (s) => [s.name, await freePort()] as const)));
  const gatewayPort = await freePort();
  const hubEnv = {
    ...env,
    SUBGRAPH_HOST: '127.0.0.1',
    ...Object.fromEntries(subgraphs.map((s) => [s.portKey, String(ports.get(s.name))])),
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: String(gatewayPort),
  };
  const base = (port: number | undefined): string => `http://127.0.0.1:${port}`;
  started.push(...subgraphs.map((s) => startProcess(s.name, `subgraphs/${s.name}/src/main.ts`, hubEnv)));
  await Promise.all(subgraphs.map((s) => waitForHttp(`${base(ports.get(s.name))}/healthz`)));
  started.push(startProcess('gateway', 'gateway/src/main.ts', hubEnv));
  await waitForHttp(`${base(gatewayPort)}/healthz`);
  return {
    gatewayUrl: `${base(gatewayPort)}/graphql`,
    subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, `${base(ports.get(s.name))}/graphql`])),
  };
}
