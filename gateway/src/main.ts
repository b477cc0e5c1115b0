import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger, loadEnv } from '@opshub/config';
import { createGateway } from './create-gateway.js';
import { parseAllowedOrigins } from './subscriptions/origin.js';

const env = loadEnv([
  'OPSHUB_SECRET',
  'GATEWAY_HOST',
  'GATEWAY_PORT',
  'SUBGRAPH_HOST',
  'OPS_PORT',
  'ALERTS_PORT',
  'WORKFLOW_PORT',
  'DCS_PORT',
  'DQM_PORT',
  'OPS_SUBGRAPH_URL',
  'ALERTS_SUBGRAPH_URL',
  'WORKFLOW_SUBGRAPH_URL',
  'DCS_SUBGRAPH_URL',
  'DQM_SUBGRAPH_URL',
  'WEB_DIST',
  'LOG_LEVEL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'GATEWAY_ALLOWED_ORIGINS',
  'NODE_ENV',
  'GATEWAY_SUBGRAPH_TIMEOUT_MS',
  'GATEWAY_MUTATION_TIMEOUT_MS',
  'GATEWAY_MAX_QUERY_COST',
  'GATEWAY_TRUSTED_PROXIES',
  'GATEWAY_METRICS_TOKEN',
  'GATEWAY_ADMIN_PORT',
  'GATEWAY_ADMIN_HOST',
]);
const log = createLogger('gateway', env.LOG_LEVEL);
const supergraphSdl = readFileSync(fileURLToPath(new URL('../supergraph.graphql', import.meta.url)), 'utf8');
const url = (port: number): string => `http://${env.SUBGRAPH_HOST}:${port}/graphql`;

const gateway = await createGateway({
  supergraphSdl,
  // Only the subgraphs present in the supergraph are used; the rest are ignored.
  subgraphUrls: {
    ops: env.OPS_SUBGRAPH_URL ?? url(env.OPS_PORT),
    alerts: env.ALERTS_SUBGRAPH_URL ?? url(env.ALERTS_PORT),
    workflow: env.WORKFLOW_SUBGRAPH_URL ?? url(env.WORKFLOW_PORT),
    dcs: env.DCS_SUBGRAPH_URL ?? url(env.DCS_PORT),
    dqm: env.DQM_SUBGRAPH_URL ?? url(env.DQM_PORT),
  },
  secret: env.OPSHUB_SECRET,
  log,
  ...(env.WEB_DIST ? { webDist: env.WEB_DIST } : {}),
  host: env.GATEWAY_HOST,
  port: env.GATEWAY_PORT,
  production: env.NODE_ENV === 'production',
  limits: { maxCost: env.GATEWAY_MAX_QUERY_COST },
  subgraphTimeouts: { queryMs: env.GATEWAY_SUBGRAPH_TIMEOUT_MS, mutationMs: env.GATEWAY_MUTATION_TIMEOUT_MS },
  ...(env.GATEWAY_TRUSTED_PROXIES ? { trustedProxies: env.GATEWAY_TRUSTED_PROXIES } : {}),
  metricsAccess: {
    ...(env.GATEWAY_METRICS_TOKEN ? { token: env.GATEWAY_METRICS_TOKEN } : {}),
    ...(env.GATEWAY_ADMIN_PORT !== undefined ? { adminPort: env.GATEWAY_ADMIN_PORT } : {}),
    adminHost: env.GATEWAY_ADMIN_HOST,
  },
  sockets: {
    allowedOrigins: parseAllowedOrigins(env.GATEWAY_ALLOWED_ORIGINS),
    // Where ops publishes revocations: open sockets of a revoked user close at once.
    revocations: { redisUrl: env.REDIS_URL, redisPrefix: env.REDIS_PREFIX },
  },
});
log.info({ url: gateway.url }, 'gateway ready');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping gateway');
    // Bounded: a stuck drain must not keep the process from exiting.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'gateway stop failed');
        process.exit(1);
      },
    );
  });
}
