import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { INTERNAL_HEADER } from '@opshub/auth';
import { isExpected, UpstreamUnavailableError } from '@opshub/errors';
import { EventQueue } from '@opshub/events';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { signatureFor } from '../data-source.js';
import type { GatewayMetrics } from '../metrics.js';
import type { ClientConnection } from './connection.js';
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

/**
 * Why the upstream stopped, as an error the client gets. GraphQL errors from the subgraph: expected
 * codes kept, the rest masked later. The socket dropping or refusing to connect (a subgraph
 * restarting, a network failure: an Error, an error event or a close code below 4000) is
 * UPSTREAM_UNAVAILABLE, which the client may retry; graphql-ws's own 4xxx codes (a refused
 * signature, a protocol error) are bugs and stay masked.
 */
function upstreamFailure(reason: unknown, subgraph: string): GraphQLError[] {
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
  if (typeof close?.code !== 'number' || close.code < 4000) {
    return [
      new UpstreamUnavailableError(`The ${subgraph} service is unavailable: subscribe again shortly`, {
        subgraph,
      }),
    ];
  }
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
 * The upstream socket is the client socket's shared one to that subgraph (`connection.upstream`),
 * signed with the socket's principal; the events in flight count towards the socket's bounds.
 */
export async function executeSubscription(
  runtime: SubscriptionRuntime,
  prepared: PreparedSubscription,
  context: GatewayContext,
  connection: ClientConnection,
): Promise<AsyncIterableIterator<ExecutionResult>> {
  const { primary, rest } = prepared;
  const url = runtime.subgraphUrls[primary.serviceName];
  if (!url) throw new Error(`No URL for subgraph ${primary.serviceName}`);
  // Called on every (re)connect of the shared upstream socket: a fresh signature each time.
  const upstream = connection.upstream(primary.serviceName, url, async () => ({
    [INTERNAL_HEADER]: signatureFor(runtime.secret, primary.serviceName, connection.context),
  }));
  let unsubscribe: () => void = () => undefined;
  runtime.metrics.subscriptionStarted();
  const channel = new EventQueue<ExecutionResult>(() => {
    runtime.metrics.subscriptionEnded();
    connection.closeFlow(flow);
    unsubscribe();
  });
  const flow = connection.openFlow(channel);

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

  // One promise chain keeps events in upstream order however long each one's entity fetches take;
  // its length is bounded by the connection (it pauses the upstream socket when it grows).
  let queue = Promise.resolve();
  const enqueue = (step: () => Promise<void> | void): void => {
    queue = queue.then(step).catch((error: unknown) => {
      channel.push({
        errors: [new GraphQLError('Subscription event failed', { originalError: error as Error })],
      });
    });
  };
  const completeInOrder = (event: ExecutionResult): void => {
    if (!connection.eventArrived(flow)) return;
    enqueue(async () => {
      try {
        if (!channel.isEnded) channel.push(await complete(event));
      } finally {
        connection.eventCompleted(flow);
      }
    });
  };
  unsubscribe = upstream.client.subscribe(
    {
      query: primary.operation,
      ...(primary.operationName ? { operationName: primary.operationName } : {}),
      variables,
    },
    {
      next: (event) => completeInOrder(event as ExecutionResult),
      error: (reason) =>
        enqueue(() => {
          if (channel.isEnded) return;
          channel.push({ errors: upstreamFailure(reason, primary.serviceName) });
          channel.end();
        }),
      complete: () => enqueue(() => channel.end()),
    },
  );
  return channel;
}
