import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { INTERNAL_HEADER } from '@opshub/auth';
import { isExpected } from '@opshub/errors';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { GatewayContext } from '../context.js';
import { signatureFor } from '../data-source.js';
import type { GatewayMetrics } from '../metrics.js';
import { Channel } from './channel.js';
import { EventDataSource } from './event-source.js';
import type { PreparedSubscription, SubscriptionPlanner } from './planner.js';

type ExecuteArgs = Parameters<typeof executeQueryPlan>;

export interface SubscriptionRuntime {
  planner: SubscriptionPlanner;
  /** The signed HTTP data sources by subgraph name (the same ones the HTTP gateway uses). */
  dataSources: Record<string, GraphQLDataSource>;
  /** Each subgraph's `/graphql` URL (http:); the WebSocket URL is derived from it. */
  subgraphUrls: Record<string, string>;
  secret: string;
  metrics: GatewayMetrics;
}

const toWebSocketUrl = (url: string): string => url.replace(/^http/, 'ws');

/** Why the upstream stopped, as an error the client gets (expected codes kept, the rest masked later). */
function upstreamFailure(reason: unknown): GraphQLError[] {
  if (Array.isArray(reason) && reason.length > 0) {
    return (reason as GraphQLFormattedError[]).map((e) =>
      isExpected(e)
        ? new GraphQLError(e.message, { extensions: e.extensions })
        : new GraphQLError('Subscription failed upstream', {
            originalError: new Error(`upstream error: ${e.message}`),
          }),
    );
  }
  const close = reason as { code?: unknown; reason?: unknown } | undefined;
  const detail =
    reason instanceof Error
      ? reason
      : new Error(`upstream closed: ${String(close?.code)} ${String(close?.reason ?? '')}`);
  return [new GraphQLError('Subscription source closed', { originalError: detail })];
}

/**
 * Runs one subscription through the federation: the primary fetch becomes a graphql-ws subscription
 * to the owning subgraph, and each event runs `Sequence [primary, rest]` through @apollo/gateway's
 * own executor, with the primary answered by the event itself, so entity fetches, variables,
 * rewrites and result shaping are exactly the gateway's. Events are completed one at a time, in order.
 */
export async function executeSubscription(
  runtime: SubscriptionRuntime,
  prepared: PreparedSubscription,
  context: GatewayContext,
): Promise<AsyncIterableIterator<ExecutionResult>> {
  const { primary, rest } = prepared;
  const url = runtime.subgraphUrls[primary.serviceName];
  if (!url) throw new Error(`No URL for subgraph ${primary.serviceName}`);
  const signature = await signatureFor(runtime.secret, context);
  const client = createClient({
    url: toWebSocketUrl(url),
    webSocketImpl: WebSocket,
    connectionParams: { [INTERNAL_HEADER]: signature },
    retryAttempts: 0,
    lazyCloseTimeout: 0,
  });
  let unsubscribe: () => void = () => undefined;
  runtime.metrics.subscriptionStarted();
  const channel = new Channel<ExecutionResult>(() => {
    runtime.metrics.subscriptionEnded();
    unsubscribe();
    void client.dispose();
  });

  const plan: QueryPlan = {
    kind: 'QueryPlan',
    node: rest ? { kind: 'Sequence', nodes: [primary, rest] } : primary,
  };
  const variables = Object.fromEntries(
    (primary.variableUsages ?? [])
      .filter((name) => prepared.variables[name] !== undefined)
      .map((name) => [name, prepared.variables[name]]),
  );
  // Fresh per event: the executor accumulates per-request state (error paths) on it.
  const requestContextFor = () =>
    ({
      request: {
        query: prepared.source,
        operationName: prepared.operationName,
        variables: prepared.variables,
      },
      context,
      logger: context.log,
      metrics: {},
      schema: runtime.planner.apiGraphQLSchema,
      document: prepared.document,
      source: prepared.source,
      operation: prepared.operation,
      operationName: prepared.operationName ?? null,
    }) as unknown as ExecuteArgs[2];

  const complete = async (event: ExecutionResult): Promise<ExecutionResult> => {
    const serviceMap: ServiceMap = {
      ...runtime.dataSources,
      [primary.serviceName]: new EventDataSource(
        event as never,
        primary.operation,
        runtime.dataSources[primary.serviceName],
      ),
    };
    return executeQueryPlan(
      plan,
      serviceMap,
      requestContextFor(),
      prepared.operationContext,
      runtime.planner.supergraphSchema,
      runtime.planner.apiSchema,
    ) as Promise<ExecutionResult>;
  };

  // One promise chain keeps events in upstream order however long each one's entity fetches take.
  let queue = Promise.resolve();
  const enqueue = (step: () => Promise<void> | void): void => {
    queue = queue.then(step).catch((error: unknown) => {
      channel.push({
        errors: [new GraphQLError('Subscription event failed', { originalError: error as Error })],
      });
    });
  };
  unsubscribe = client.subscribe(
    {
      query: primary.operation,
      ...(primary.operationName ? { operationName: primary.operationName } : {}),
      variables,
    },
    {
      next: (event) => enqueue(async () => channel.push(await complete(event as ExecutionResult))),
      error: (reason) =>
        enqueue(() => {
          if (channel.isEnded) return;
          channel.push({ errors: upstreamFailure(reason) });
          channel.end();
        }),
      complete: () => enqueue(() => channel.end()),
    },
  );
  return channel;
}
