import { readFile } from 'node:fs/promises';
import { createLogger, SUBGRAPHS, type Env, type Logger } from '@opshub/config';
import { createGateway, type RunningGateway } from './create-gateway.js';
import { readWarmOperations } from './plan-warmup.js';
import { parseAllowedOrigins } from './subscriptions/origin.js';

/** Every setting the gateway reads, for one `loadEnv` per process; each subgraph's port and URL from the one list. */
export const GATEWAY_KEYS = [
  'OPSHUB_SECRET',
  'GATEWAY_HOST',
  'GATEWAY_PORT',
  'SUBGRAPH_HOST',
  ...SUBGRAPHS.flatMap((s) => [s.portKey, s.urlKey] as const),
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
  'GATEWAY_WORKERS',
  'GATEWAY_DEDUPLICATE_FETCHES',
] as const;
export type GatewayEnv = Env<(typeof GATEWAY_KEYS)[number]>;

export interface GatewaySettings {
  env: GatewayEnv;
  log?: Logger;
  /** The committed supergraph (gateway/supergraph.graphql) unless given. */
  supergraphSdl?: string;
}

const SUPERGRAPH = new URL('../supergraph.graphql', import.meta.url);
/** The web's and the client's operations (warm-operations.ts writes it): their plans are made at start. */
const WARM_OPERATIONS = new URL('../warm-operations.json', import.meta.url);

/** Each subgraph's `/graphql`: its <NAME>_SUBGRAPH_URL, else SUBGRAPH_HOST:<NAME>_PORT. */
export function subgraphUrlsOf(env: GatewayEnv): Record<string, string> {
  return Object.fromEntries(
    SUBGRAPHS.map((s) => [s.name, env[s.urlKey] ?? `http://${env.SUBGRAPH_HOST}:${env[s.portKey]}/graphql`]),
  );
}

/** The gateway on GATEWAY_HOST:GATEWAY_PORT (0: a free port, see `url`), over the subgraphs of the list. */
export async function startGateway({
  env,
  log = createLogger('gateway', env.LOG_LEVEL),
  supergraphSdl,
}: GatewaySettings): Promise<RunningGateway> {
  const gateway = await createGateway({
    supergraphSdl: supergraphSdl ?? (await readFile(SUPERGRAPH, 'utf8')),
    warmOperations: await readWarmOperations(WARM_OPERATIONS).catch((err: unknown) => {
      log.warn({ err }, 'no warm-up operations: query plans are made on first use');
      return [];
    }),
    deduplicateFetches: env.GATEWAY_DEDUPLICATE_FETCHES,
    // Only the subgraphs present in the supergraph are used; the rest are ignored.
    subgraphUrls: subgraphUrlsOf(env),
    secret: env.OPSHUB_SECRET,
    log,
    ...(env.WEB_DIST ? { webDist: env.WEB_DIST } : {}),
    host: env.GATEWAY_HOST,
    port: env.GATEWAY_PORT,
    production: env.NODE_ENV === 'production',
    limits: { maxCost: env.GATEWAY_MAX_QUERY_COST },
    subgraphTimeouts: {
      queryMs: env.GATEWAY_SUBGRAPH_TIMEOUT_MS,
      mutationMs: env.GATEWAY_MUTATION_TIMEOUT_MS,
    },
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
  return gateway;
}
