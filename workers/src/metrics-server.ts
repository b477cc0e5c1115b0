import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Env } from '@opshub/config';
import type { Logger } from '@opshub/config';
import type { WorkerMetrics } from './metrics.js';

/** The settings of the workers' metrics listener (WORKERS_KEYS includes them). */
export const WORKERS_METRICS_KEYS = ['WORKERS_METRICS_PORT', 'WORKERS_METRICS_HOST'] as const;
export type WorkersMetricsEnv = Env<(typeof WORKERS_METRICS_KEYS)[number]>;

/** Where to serve /metrics and /healthz: WORKERS_METRICS_HOST:WORKERS_METRICS_PORT (0: a free port); unset port: nowhere. */
export interface MetricsListen {
  port: number;
  host: string;
}

export function metricsListenOf(env: Partial<WorkersMetricsEnv>): MetricsListen | undefined {
  if (env.WORKERS_METRICS_PORT === undefined) return undefined;
  return { port: env.WORKERS_METRICS_PORT, host: env.WORKERS_METRICS_HOST ?? '127.0.0.1' };
}

export interface RunningMetricsServer {
  /** `http://host:port` (`/metrics`, `/healthz`). */
  url: string;
  close(): Promise<void>;
}

/**
 * A plain HTTP listener for Prometheus (`GET /metrics`, text format 0.0.4) and liveness (`GET /healthz`).
 * Each worker process has its own: scrape every process (its job durations are its own), and aggregate
 * the hub-wide figures (queue depths, ingest counters) with `max`.
 */
export async function startMetricsServer(
  metrics: WorkerMetrics,
  listen: MetricsListen,
  log: Logger,
): Promise<RunningMetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.render().then(
      (text) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(text),
      (err: unknown) => {
        log.error({ err }, 'metrics could not be rendered');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  log.info({ port, host: listen.host }, 'workers metrics listening (/metrics, /healthz)');
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
