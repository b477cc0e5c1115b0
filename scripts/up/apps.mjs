// npm run up: the hub's own processes (subgraphs, gateway, workers, simulators), started detached.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/paths.mjs';
import { httpOk, portFree, waitFor } from '../lib/probe.mjs';
import { logFile, startDetached } from '../lib/processes.mjs';
import { Failure, say, TS } from './report.mjs';

/** Fails fast, naming the setting to change, when a port we need is taken by something else. */
export async function checkPorts({ subgraphs, others }) {
  const listeners = [...subgraphs, ...others].flatMap((app) => [app, ...(app.metrics ? [app.metrics] : [])]);
  for (const { name, port, portKey } of listeners) {
    if (port && !(await portFree(port, '127.0.0.1'))) {
      throw new Failure(
        `Port ${port} (${name}) is in use by another process: stop it, or set ${portKey} in .env`,
      );
    }
  }
}

function watchExit(handles) {
  return () => {
    const dead = handles.find((h) => h.exited);
    if (dead) throw new Failure(`${dead.name} exited (${dead.exited}) while starting`, dead.log);
  };
}

/**
 * The one list of subgraphs (packages/config/src/subgraphs.ts). TypeScript, so it is read once the
 * dependencies are installed, through the same loader the hub's processes run with.
 */
async function subgraphList() {
  await import('@swc-node/register/esm-register');
  const { SUBGRAPHS } = await import('@opshub/config');
  return SUBGRAPHS;
}

/** The hub's processes whose entry file exists (the others are not written yet). */
export async function plannedApps(env) {
  const subgraphs = (await subgraphList())
    .filter(({ name }) => existsSync(path.join(ROOT, 'subgraphs', name, 'src', 'main.ts')))
    .map(({ name, portKey, defaultPort }) => ({
      name,
      portKey,
      port: Number(env[portKey] || defaultPort),
      file: `subgraphs/${name}/src/main.ts`,
    }));
  const others = [
    {
      name: 'gateway',
      portKey: 'GATEWAY_PORT',
      port: Number(env.GATEWAY_PORT || 4000),
      file: 'gateway/src/main.ts',
      metrics: metricsListener('gateway metrics', 'GATEWAY_ADMIN_PORT', env),
    },
    {
      name: 'workers',
      file: 'workers/src/main.ts',
      // A young generation that holds a chunk of decoded alerts (workers/README.md, "Memory").
      flags: ['--max-semi-space-size=32'],
      metrics: metricsListener('workers metrics', 'WORKERS_METRICS_PORT', env),
    },
    { name: 'simulators', file: 'simulators/src/main.ts' },
  ].filter((a) => existsSync(path.join(ROOT, a.file)));
  return { subgraphs, others };
}

/** A process's second listener for /metrics and /healthz (unset in .env: none). */
function metricsListener(name, portKey, env) {
  return env[portKey] ? { name, portKey, port: Number(env[portKey]) } : undefined;
}

export async function startApps(env, { subgraphs, others }) {
  say(`Starting subgraphs: ${subgraphs.map((s) => s.name).join(', ')}…`);
  const handles = subgraphs.map((s) => startDetached(s.name, [...TS, s.file], env));
  await Promise.all(
    subgraphs.map((s) =>
      waitFor(
        `${s.name} at http://127.0.0.1:${s.port}/healthz`,
        () => httpOk(`http://127.0.0.1:${s.port}/healthz`),
        {
          timeoutMs: 90_000,
          onTick: watchExit(handles),
        },
      ).catch((error) => {
        throw error instanceof Failure ? error : new Failure(error.message, logFile(s.name));
      }),
    ),
  );
  say('Subgraphs are healthy');

  if (others.length) say(`Starting ${others.map((a) => a.name).join(', ')}…`);
  const rest = others.map((a) => startDetached(a.name, [...TS, ...(a.flags ?? []), a.file], env));
  handles.push(...rest);
  const gateway = others.find((a) => a.name === 'gateway');
  if (!gateway) return say('gateway/src/main.ts does not exist yet: not waiting for /readyz');
  const readyz = `http://127.0.0.1:${gateway.port}/readyz`;
  await waitFor(`the gateway at ${readyz}`, () => httpOk(readyz), {
    timeoutMs: 90_000,
    onTick: watchExit(handles),
  }).catch((error) => {
    throw error instanceof Failure ? error : new Failure(error.message, logFile('gateway'));
  });
  return gateway.port;
}
