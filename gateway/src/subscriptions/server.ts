import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Principal } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Authenticator } from '../auth.js';
import type { GatewayContext } from '../context.js';
import type { QueryLimits } from '../limits.js';
import { logUnexpected, maskForClient } from '../masking.js';
import { executeSubscription, type SubscriptionRuntime } from './executor.js';
import type { PreparedSubscription } from './planner.js';

export interface SubscriptionServerOptions {
  httpServer: Server;
  path: string;
  runtime: SubscriptionRuntime;
  authenticator: Authenticator;
  limits: QueryLimits;
  log: Logger;
}

interface OperationValue {
  prepared: PreparedSubscription;
  context: GatewayContext;
}

/**
 * graphql-ws on the gateway's HTTP server. `connection_init` authenticates like HTTP
 * (`connectionParams.authorization = "Bearer …"`, a bad token closes with 4401); each `subscribe`
 * is validated, limited and planned, then executed through the federation by `executeSubscription`.
 */
export function attachSubscriptions(options: SubscriptionServerOptions): { dispose(): Promise<void> } {
  const { runtime, authenticator, limits, log } = options;
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path });
  const server = useServer<Record<string, unknown>, { user?: Principal }>(
    {
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization'];
        try {
          const result =
            typeof header === 'string' || header === undefined
              ? await authenticator.fromHeader(header)
              : { kind: 'invalid' as const };
          if (result.kind === 'invalid') {
            ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized');
            return false;
          }
          if (result.kind === 'user') ctx.extra.user = result.user;
          return true;
        } catch (error) {
          log.error({ err: error }, 'authenticating a WebSocket connection failed');
          ctx.extra.socket.close(CloseCode.InternalServerError, 'Internal server error');
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const prepared = runtime.planner.prepare(payload, limits);
        if (Array.isArray(prepared)) {
          runtime.metrics.recordRequest('subscription', 'error');
          return prepared as readonly GraphQLError[];
        }
        const ready = prepared as PreparedSubscription;
        const requestId = randomUUID();
        const context: GatewayContext = {
          user: ctx.extra.user,
          requestId,
          log: log.child({ rid: requestId }),
        };
        runtime.metrics.recordRequest('subscription', 'ok');
        const args: ExecutionArgs = {
          schema: runtime.planner.apiGraphQLSchema,
          document: ready.document,
          operationName: ready.operationName,
          variableValues: ready.variables,
          contextValue: { prepared: ready, context } satisfies OperationValue,
        };
        return args;
      },
      subscribe: async (args) => {
        const { prepared, context } = args.contextValue as OperationValue;
        try {
          return await executeSubscription(runtime, prepared, context);
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
  );
  return { dispose: async () => server.dispose() };
}
