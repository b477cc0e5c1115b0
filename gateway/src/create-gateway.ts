import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { Principal } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import express from 'express';
import { apiSchemaRoute } from './api-schema-route.js';
import { auditExport } from './audit-export.js';
import { createAuthenticator } from './auth.js';
import { clientAddressOf, parseTrustedProxies } from './client-address.js';
import type { GatewayContext } from './context.js';
import { SignedDataSource, type SubgraphTimeouts } from './data-source.js';
import { explorerRedirect } from './explorer-redirect.js';
import { InFlightFetches, type FetchDedupStats } from './fetch-dedup.js';
import { healthRoutes } from './health.js';
import { httpAuth } from './http-auth.js';
import { limitsPlugin } from './limits-plugin.js';
import { resolveLimits, type QueryLimits } from './limits.js';
import { formatError, maskingPlugin } from './masking.js';
import { metricsPlugin } from './metrics-plugin.js';
import { GatewayMetrics, metricsRoute } from './metrics.js';
import { logWarmup, QueryPlanStore, warmQueryPlans } from './plan-warmup.js';
import { CostModel } from './query-cost.js';
import { REQUEST_ID_HEADER, requestIdsFrom } from './request-id.js';
import { securityHeaders } from './security-headers.js';
import { SubgraphHttp } from './subgraph-http.js';
import { webRoutes } from './static.js';
import { tomProxy } from './tom-proxy.js';
import { SubscriptionPlanner } from './subscriptions/planner.js';
import { attachSubscriptions } from './subscriptions/server.js';
import type { SocketOptions } from './subscriptions/socket-options.js';

export interface GatewayOptions {
  supergraphSdl: string;
  /** `/graphql` URL per subgraph name; overrides the URL recorded in the supergraph. */
  subgraphUrls: Record<string, string>;
  /** OPSHUB_SECRET: signs the internal header the subgraphs check. */
  secret: string;
  log: Logger;
  /** The built web app to serve at `/` (SPA fallback to index.html). */
  webDist?: string;
  limits?: Partial<QueryLimits>;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** NODE_ENV=production: no introspection, no field suggestions. */
  production?: boolean;
  /**
   * GATEWAY_TRUSTED_PROXIES: addresses/CIDRs (or `loopback`, `private`) of the proxies in front of
   * the gateway, whose X-Forwarded-For / X-Forwarded-Proto are believed. Unset: the socket's peer is the client.
   */
  trustedProxies?: string;
  /** GATEWAY_SUBGRAPH_TIMEOUT_MS / GATEWAY_MUTATION_TIMEOUT_MS (data-source.ts). */
  subgraphTimeouts?: Partial<SubgraphTimeouts>;
  /**
   * Who may read `/metrics`: with `token` (GATEWAY_METRICS_TOKEN) the public port serves it to
   * `Authorization: Bearer <token>`; with `adminPort` (GATEWAY_ADMIN_PORT, on `adminHost`,
   * default 127.0.0.1) a second listener serves /metrics, /healthz and /readyz without a token.
   * Neither: /metrics is not served at all.
   */
  metricsAccess?: { token?: string; adminPort?: number; adminHost?: string };
  /** WebSocket bounds, Origin allowlist, heartbeat and the revocation channel (subscriptions/socket-options.ts). */
  sockets?: SocketOptions;
  /**
   * GATEWAY_DEDUPLICATE_FETCHES (default true): identical subgraph reads in flight at once, for the
   * same authorisation scope, are sent once and their answer shared (fetch-dedup.ts).
   */
  deduplicateFetches?: boolean;
  /** Operations whose query plans are made before the gateway listens (plan-warmup.ts). */
  warmOperations?: readonly { name: string; query: string }[];
}

export interface RunningGateway {
  url: string;
  port: number;
  /** The admin listener's base URL (`/metrics`), when `metricsAccess.adminPort` is set. */
  adminUrl?: string;
  metrics: GatewayMetrics;
  /** Subgraph reads sent, and reads that joined an identical one in flight instead. */
  fetchDedup(): FetchDedupStats;
  /** How many query plans were made before listening (`warmOperations`). */
  warmedPlans: number;
  close(): Promise<void>;
}

/** Adapts pino to Apollo's logger (which passes a message first). */
const apolloLogger = (log: Logger) => ({
  debug: (m: unknown) => log.debug(String(m)),
  info: (m: unknown) => log.info(String(m)),
  warn: (m: unknown) => log.warn(String(m)),
  error: (m: unknown) => log.error(String(m)),
});

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/**
 * The public entry: /graphql over HTTP (@apollo/gateway) and WebSocket (our subscription
 * executor), /healthz, /readyz, /metrics (token or admin port) and the web app.
 */
export async function createGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { supergraphSdl, secret, log } = options;
  const production = options.production ?? false;
  const trustedProxies = parseTrustedProxies(options.trustedProxies);
  const limits: QueryLimits = {
    ...resolveLimits(options.limits),
    costModel: CostModel.fromSupergraph(supergraphSdl),
  };
  const metrics = new GatewayMetrics();
  const subgraphUrls = Object.fromEntries(
    Supergraph.build(supergraphSdl)
      .subgraphsMetadata()
      .map((s) => [s.name, options.subgraphUrls[s.name] ?? s.url]),
  );
  if (!subgraphUrls['ops'])
    throw new Error('The supergraph has no ops subgraph: the gateway authenticates through it');
  const inFlight = new InFlightFetches();
  const subgraphHttp = new SubgraphHttp();
  const shared = options.deduplicateFetches === false ? {} : { inFlight };
  const dataSources = Object.fromEntries(
    Object.entries(subgraphUrls).map(([name, url]) => [
      name,
      new SignedDataSource({
        name,
        url,
        secret,
        metrics,
        log,
        timeouts: options.subgraphTimeouts,
        http: subgraphHttp,
        ...shared,
      }),
    ]),
  );
  const authenticator = createAuthenticator({ opsUrl: subgraphUrls['ops'], secret });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const subscriptions = attachSubscriptions({
    httpServer,
    path: '/graphql',
    runtime: { planner: new SubscriptionPlanner(supergraphSdl), dataSources, subgraphUrls, secret, metrics },
    authenticator,
    limits,
    log,
    sockets: options.sockets,
    clientAddress: (req) => clientAddressOf(req, trustedProxies),
  });
  const planStore = new QueryPlanStore();
  // @apollo/gateway, unless this variable says no, probes the AWS, GCP, Azure and Alibaba metadata
  // endpoints as it is built and sends usage data to usage-reporting.api.apollographql.com every hour.
  // A facility's hub calls out to nobody; the library reads only this variable, so it is set here
  // (gateway-offline.test.ts watches every request the process starts).
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const apollo = new ApolloServer<GatewayContext>({
    gateway: new ApolloGateway({
      supergraphSdl,
      buildService: ({ name }) => dataSources[name]!,
      logger: apolloLogger(log),
      queryPlannerConfig: { cache: planStore },
    }),
    logger: apolloLogger(log),
    introspection: !production,
    // The process's stopOnSignals owns SIGTERM/SIGINT; Apollo's own handler re-sends the signal after its stop.
    stopOnTerminationSignals: false,
    // No "Did you mean …?" in validation errors: they would map the schema for anyone.
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      maskingPlugin(),
      limitsPlugin(limits),
      metricsPlugin(metrics),
      // No CDN landing page: a browser's GET /graphql goes to the bundled explorer (explorer-redirect.ts).
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  // After start: loading the supergraph clears the plan store.
  const warmup = warmQueryPlans(supergraphSdl, options.warmOperations ?? [], planStore);
  if (options.warmOperations) logWarmup(log, warmup);

  app.use(securityHeaders({ trustedProxies }));
  app.use((req, res, next) => {
    const { requestId, clientRequestId } = requestIdsFrom(req.header(REQUEST_ID_HEADER));
    res.locals['requestId'] = requestId;
    if (clientRequestId) res.locals['clientRequestId'] = clientRequestId;
    res.locals['clientAddress'] = clientAddressOf(req, trustedProxies);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  });
  const health = healthRoutes(subgraphUrls);
  health(app);
  const access = options.metricsAccess ?? {};
  if (access.token) app.get('/metrics', metricsRoute(metrics, access.token));
  if (subgraphUrls['alerts'])
    tomProxy({
      alertsUrl: subgraphUrls['alerts'],
      opsUrl: subgraphUrls['ops'],
      secret,
      authenticator,
      log,
      secureCookies: production,
    })(app);
  auditExport({ opsUrl: subgraphUrls['ops'], secret, authenticator, log })(app);
  apiSchemaRoute({ supergraphSdl, authenticator, log })(app);
  app.get('/graphql', explorerRedirect());
  app.use(
    '/graphql',
    httpAuth(authenticator, log),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<GatewayContext> => {
        const requestId = res.locals['requestId'] as string;
        const clientRequestId = res.locals['clientRequestId'] as string | undefined;
        const clientAddress = res.locals['clientAddress'] as string;
        const user = res.locals['user'] as Principal | undefined;
        return {
          user,
          requestId,
          clientAddress,
          log: log.child({ rid: requestId, ...(clientRequestId ? { clientRequestId } : {}) }),
        };
      },
    }),
  );
  if (options.webDist) webRoutes(options.webDist)(app);

  let adminServer: Server | undefined;
  let adminUrl: string | undefined;
  if (access.adminPort !== undefined) {
    const admin = express();
    admin.disable('x-powered-by');
    admin.use(securityHeaders({ trustedProxies }));
    health(admin);
    admin.get('/metrics', metricsRoute(metrics));
    adminServer = createServer(admin);
    const adminHost = access.adminHost ?? '127.0.0.1';
    const adminPort = await listen(adminServer, access.adminPort, adminHost);
    adminUrl = `http://${adminHost.includes(':') ? `[${adminHost}]` : adminHost}:${adminPort}`;
    log.info({ adminPort, adminHost }, 'gateway admin listener (metrics, health)');
  }
  if (!access.token && !adminServer)
    log.info('/metrics is off: set GATEWAY_METRICS_TOKEN or GATEWAY_ADMIN_PORT to serve it');

  const host = options.host ?? '127.0.0.1';
  const port = await listen(httpServer, options.port ?? 0, host);
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  log.info({ port, subgraphs: Object.keys(subgraphUrls) }, 'gateway listening');
  return {
    url: `http://${shownHost}:${port}/graphql`,
    port,
    ...(adminUrl ? { adminUrl } : {}),
    metrics,
    fetchDedup: () => inFlight.stats,
    warmedPlans: warmup.planned,
    close: async () => {
      // WebSockets first: open sockets would otherwise hold the HTTP server's drain.
      await subscriptions.dispose();
      await apollo.stop();
      subgraphHttp.close();
      if (adminServer) {
        const server = adminServer;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
