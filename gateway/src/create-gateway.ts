import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { Principal } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import express from 'express';
import { createAuthenticator } from './auth.js';
import type { GatewayContext } from './context.js';
import { SignedDataSource } from './data-source.js';
import { healthRoutes } from './health.js';
import { httpAuth } from './http-auth.js';
import { limitsPlugin } from './limits-plugin.js';
import { resolveLimits, type QueryLimits } from './limits.js';
import { formatError, maskingPlugin } from './masking.js';
import { metricsPlugin } from './metrics-plugin.js';
import { GatewayMetrics } from './metrics.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';
import { webRoutes } from './static.js';
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
  /** WebSocket bounds, Origin allowlist, heartbeat and the revocation channel (subscriptions/socket-options.ts). */
  sockets?: SocketOptions;
}

export interface RunningGateway {
  url: string;
  port: number;
  metrics: GatewayMetrics;
  close(): Promise<void>;
}

/** Adapts pino to Apollo's logger (which passes a message first). */
const apolloLogger = (log: Logger) => ({
  debug: (m: unknown) => log.debug(String(m)),
  info: (m: unknown) => log.info(String(m)),
  warn: (m: unknown) => log.warn(String(m)),
  error: (m: unknown) => log.error(String(m)),
});

/**
 * The public entry: /graphql over HTTP (@apollo/gateway) and WebSocket (our subscription
 * executor), /healthz, /readyz, /metrics and the web app.
 */
export async function createGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { supergraphSdl, secret, log } = options;
  const limits = resolveLimits(options.limits);
  const metrics = new GatewayMetrics();
  const subgraphUrls = Object.fromEntries(
    Supergraph.build(supergraphSdl)
      .subgraphsMetadata()
      .map((s) => [s.name, options.subgraphUrls[s.name] ?? s.url]),
  );
  if (!subgraphUrls['ops'])
    throw new Error('The supergraph has no ops subgraph: the gateway authenticates through it');
  const dataSources = Object.fromEntries(
    Object.entries(subgraphUrls).map(([name, url]) => [
      name,
      new SignedDataSource({ name, url, secret, metrics, log }),
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
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: new ApolloGateway({
      supergraphSdl,
      buildService: ({ name }) => dataSources[name]!,
      logger: apolloLogger(log),
    }),
    logger: apolloLogger(log),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      maskingPlugin(),
      limitsPlugin(limits),
      metricsPlugin(metrics),
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.header(REQUEST_ID_HEADER));
    res.locals['requestId'] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  });
  healthRoutes(subgraphUrls)(app);
  app.get('/metrics', (_req, res) => {
    res.type('text/plain; version=0.0.4').send(metrics.render());
  });
  app.use(
    '/graphql',
    httpAuth(authenticator, log),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<GatewayContext> => {
        const requestId = res.locals['requestId'] as string;
        const user = res.locals['user'] as Principal | undefined;
        return { user, requestId, log: log.child({ rid: requestId }) };
      },
    }),
  );
  if (options.webDist) webRoutes(options.webDist)(app);

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  log.info({ port, subgraphs: Object.keys(subgraphUrls) }, 'gateway listening');
  return {
    url: `http://${shownHost}:${port}/graphql`,
    port,
    metrics,
    close: async () => {
      // WebSockets first: open sockets would otherwise hold the HTTP server's drain.
      await subscriptions.dispose();
      await apollo.stop();
    },
  };
}
