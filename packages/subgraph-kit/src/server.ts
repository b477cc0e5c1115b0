import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { INTERNAL_HEADER, verifyInternal, type InternalClaims } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { ErrorCode, isExpected, maskError, originalError } from '@opshub/errors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { SubgraphContext } from './context.js';

export interface SubgraphServerOptions {
  name: string;
  schema: GraphQLSchema;
  host: string;
  port: number;
  secret: string;
  log: Logger;
  /** Extra routes (internal endpoints), mounted before `/graphql`. */
  routes?: (app: express.Express) => void;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  close(): Promise<void>;
}

function unauthenticated(res: express.Response, message: string): void {
  res.status(401).json({ errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
}

function maskingPlugin(log: Logger): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isExpected(error)) contextValue.log.error({ err: originalError(error) }, 'unexpected error');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            response.body.singleResult.errors = response.body.singleResult.errors.map((e) =>
              maskError(e, contextValue?.requestId),
            );
          }
        },
        async invalidRequestWasReceived({ error }: { error: Error }) {
          log.warn({ err: error }, 'invalid request');
        },
      };
    },
  };
}

/**
 * Serves one subgraph on `/graphql`: HTTP for queries and mutations, graphql-ws for subscriptions.
 * Every call must carry the gateway's signature; anything else gets 401 / close code 4401.
 */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningSubgraph> {
  const { schema, secret, log } = options;
  const app = express();
  app.disable('x-powered-by');
  const http: Server = createServer(app);
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  const ws = useServer<Record<string, unknown>, { claims?: InternalClaims }>(
    {
      schema,
      onConnect: async (ctx) => {
        const token = ctx.connectionParams?.[INTERNAL_HEADER];
        if (typeof token !== 'string') return false;
        try {
          ctx.extra.claims = await verifyInternal(secret, token);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx): SubgraphContext => {
        const claims = ctx.extra.claims ?? { requestId: randomUUID() };
        return { user: claims.user, requestId: claims.requestId, log: log.child({ rid: claims.requestId }) };
      },
      onError: (_ctx, _id, _payload, errors) => {
        for (const e of errors)
          if (!isExpected(e)) log.error({ err: originalError(e) }, 'subscription error');
      },
    },
    wss,
  );
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      maskingPlugin(log),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', subgraph: options.name });
  });
  const verify: express.RequestHandler = (req, res, next) => {
    const token = req.header(INTERNAL_HEADER);
    if (!token) return unauthenticated(res, 'Subgraphs answer only the gateway: missing signature');
    verifyInternal(secret, token).then(
      (claims) => {
        res.locals['claims'] = claims;
        next();
      },
      () => unauthenticated(res, 'Subgraphs answer only the gateway: invalid or expired signature'),
    );
  };
  options.routes?.(app);
  app.use(
    '/graphql',
    verify,
    express.json({ limit: '5mb' }),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const claims = res.locals['claims'] as InternalClaims;
        return { user: claims.user, requestId: claims.requestId, log: log.child({ rid: claims.requestId }) };
      },
    }),
  );

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  log.info({ port }, `${options.name} subgraph listening`);
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    close: async () => {
      await apollo.stop();
    },
  };
}
