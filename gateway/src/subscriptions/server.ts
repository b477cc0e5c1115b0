import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Logger } from '@opshub/config';
import { ErrorCode } from '@opshub/errors';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Authenticator } from '../auth.js';
import type { GatewayContext } from '../context.js';
import type { QueryLimits } from '../limits.js';
import { logUnexpected, maskForClient } from '../masking.js';
import { ClientConnection } from './connection.js';
import type { SubscriptionRuntime } from './executor.js';
import { SubscriptionHub, type SharingStats } from './hub.js';
import { originAllowed } from './origin.js';
import type { PreparedSubscription } from './planner.js';
import { ConnectionRegistry } from './registry.js';
import { listenForRevocations, type RevocationListener } from './revocations.js';
import { resolveSocketOptions, SocketCloseCode, type SocketOptions } from './socket-options.js';

export interface SubscriptionServerOptions {
  httpServer: Server;
  path: string;
  runtime: SubscriptionRuntime;
  authenticator: Authenticator;
  limits: QueryLimits;
  log: Logger;
  /** Frame size, subscription and buffer bounds, Origin allowlist, heartbeat, revocations. */
  sockets?: SocketOptions;
  /** The client's address from the upgrade request (trusted proxies); default: the TCP peer. */
  clientAddress?: (request: IncomingMessage) => string;
}

interface OperationValue {
  prepared: PreparedSubscription;
  context: GatewayContext;
  connection: ClientConnection;
}

/**
 * graphql-ws on the gateway's HTTP server. The upgrade is refused (403) for a browser page from an
 * origin not allowed; frames are capped at `maxPayload` (1009). `connection_init` must carry a
 * token that ops accepts (`connectionParams.authorization = "Bearer …"`): anonymous or bad closes
 * with 4401, and no `connection_init` within 3 s with 4408. Afterwards the token is re-checked
 * periodically and on every revocation (`registry.ts`), and the socket closes at its expiry. Each
 * `subscribe` is counted (at most `maxSubscriptions`), validated, limited and planned, then
 * joins the shared subscription of its operation, variables and authorisation scope (`hub.ts`).
 */
export function attachSubscriptions(options: SubscriptionServerOptions): {
  stats(): SharingStats;
  dispose(): Promise<void>;
} {
  const { runtime, authenticator, limits, log } = options;
  const sockets = resolveSocketOptions(options.sockets);
  const registry = new ConnectionRegistry(authenticator, log, sockets.reauthMs);
  const hub = new SubscriptionHub(runtime, log, sockets.upstreamHighWater);
  runtime.metrics.observeSharing(() => hub.stats);
  const revocations: RevocationListener | undefined = sockets.revocations
    ? listenForRevocations(
        sockets.revocations,
        (revocation) => {
          log.info({ user: revocation.userId, reason: revocation.reason }, 'revocation received');
          if (revocation.tokenHash) authenticator.forgetToken(revocation.tokenHash);
          authenticator.forgetUser(revocation.userId);
          void registry.recheckUser(revocation.userId);
        },
        () => void registry.recheckAll(),
        log,
      )
    : undefined;

  const wss = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: sockets.maxPayload,
    verifyClient: ({ origin, req }, done) => {
      if (originAllowed(origin, req, sockets.allowedOrigins)) return done(true);
      log.warn({ origin }, 'WebSocket from an origin not allowed: refused');
      done(false, 403, 'Origin not allowed');
    },
  });
  const server = useServer<Record<string, unknown>, { connection?: ClientConnection }>(
    {
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        const header = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization'];
        try {
          // Anonymous sockets are refused: every subscription needs at least VIEWER.
          const askedAt = Date.now();
          const result =
            typeof header === 'string'
              ? await authenticator.fromHeader(header)
              : { kind: 'invalid' as const };
          if (result.kind !== 'user') {
            socket.close(SocketCloseCode.Unauthorized, 'Unauthorized');
            return false;
          }
          if (socket.readyState !== socket.OPEN) return false;
          const connection = new ClientConnection(
            socket,
            header as string,
            result.user,
            sockets,
            log,
            options.clientAddress?.(ctx.extra.request) ?? ctx.extra.request.socket.remoteAddress,
          );
          ctx.extra.connection = connection;
          registry.add(connection, askedAt);
          socket.once('close', () => {
            registry.remove(connection);
            connection.release();
          });
          connection.setExpiry(result.expiresAt);
          return true;
        } catch (error) {
          log.error({ err: error }, 'authenticating a WebSocket connection failed');
          socket.close(CloseCode.InternalServerError, 'Internal server error');
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const connection = ctx.extra.connection!;
        // graphql-ws has already registered this id: more than the cap means this one is over it.
        if (Object.keys(ctx.subscriptions).length > sockets.maxSubscriptions) {
          runtime.metrics.recordRequest('subscription', 'error');
          return [
            new GraphQLError(
              `At most ${sockets.maxSubscriptions} subscriptions per connection: complete one first`,
              { extensions: { code: ErrorCode.RATE_LIMITED, maxSubscriptions: sockets.maxSubscriptions } },
            ),
          ];
        }
        const prepared = runtime.planner.prepare(payload, limits);
        if (Array.isArray(prepared)) {
          runtime.metrics.recordRequest('subscription', 'error');
          return prepared as readonly GraphQLError[];
        }
        const ready = prepared as PreparedSubscription;
        const requestId = randomUUID();
        const context: GatewayContext = {
          ...connection.context,
          requestId,
          log: log.child({ rid: requestId, socket: connection.id }),
        };
        runtime.metrics.recordRequest('subscription', 'ok');
        const args: ExecutionArgs = {
          schema: runtime.planner.apiGraphQLSchema,
          document: ready.document,
          operationName: ready.operationName,
          variableValues: ready.variables,
          contextValue: { prepared: ready, context, connection } satisfies OperationValue,
        };
        return args;
      },
      subscribe: async (args) => {
        const { prepared, connection } = args.contextValue as OperationValue;
        try {
          if (connection.isClosing) return { errors: [new GraphQLError('Connection closing')] };
          return hub.subscribe(prepared, connection);
        } catch (error) {
          // One failed subscription must not close the client's socket (graphql-ws would, on a throw).
          return {
            errors: [new GraphQLError('Subscription failed to start', { originalError: error as Error })],
          };
        }
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return undefined;
        const { context } = args.contextValue as OperationValue;
        logUnexpected(context.log, result.errors as GraphQLError[]);
        return {
          ...result,
          errors: result.errors.map((e) => maskForClient((e as GraphQLError).toJSON(), context.requestId)),
        };
      },
      onError: (_ctx, _id, _payload, errors) => {
        const requestId = randomUUID();
        logUnexpected(log.child({ rid: requestId }), errors);
        return errors.map((e) => maskForClient(e.toJSON(), requestId));
      },
    },
    wss,
    sockets.heartbeatMs,
  );
  // graphql-ws reports socket errors with console.error; ws has already closed the socket for
  // them (a frame over maxPayload: 1009), so a warning in the gateway's own log is enough.
  wss.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error) => log.warn({ err: error }, 'WebSocket protocol error'));
  });
  return {
    stats: () => hub.stats,
    dispose: async () => {
      registry.dispose();
      await revocations?.close();
      await server.dispose();
    },
  };
}
