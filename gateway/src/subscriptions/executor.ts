import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { isExpected, UpstreamUnavailableError } from '@opshub/errors';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { GatewayMetrics } from '../metrics.js';
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
export function upstreamFailure(reason: unknown, subgraph: string): GraphQLError[] {
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

/** The plan a shared subscription runs per event: `Sequence [primary, rest]`. */
export function eventPlan(prepared: PreparedSubscription): QueryPlan {
  const { primary, rest } = prepared;
  return { kind: 'QueryPlan', node: rest ? { kind: 'Sequence', nodes: [primary, rest] } : primary };
}

/** The variables the primary (upstream) fetch uses, from the client's. */
export function primaryVariables(prepared: PreparedSubscription): Record<string, unknown> {
  return Object.fromEntries(
    (prepared.primary.variableUsages ?? [])
      .filter((name) => prepared.variables[name] !== undefined)
      .map((name) => [name, prepared.variables[name]]),
  );
}

/**
 * Completes one upstream event through @apollo/gateway's own executor: `Sequence [primary, rest]`
 * with the primary answered by the event itself (`EventDataSource`), so entity fetches, variables,
 * rewrites and result shaping are exactly the gateway's. `dataSources` are the scope's (batched)
 * signed sources; `context` is the shared subscription's (its scope's principal).
 */
export function completeEvent(
  runtime: SubscriptionRuntime,
  prepared: PreparedSubscription,
  plan: QueryPlan,
  dataSources: Record<string, GraphQLDataSource>,
  context: GatewayContext,
  event: ExecutionResult,
): Promise<ExecutionResult> {
  const { primary } = prepared;
  const serviceMap: ServiceMap = {
    ...dataSources,
    [primary.serviceName]: new EventDataSource(
      event as never,
      primary.operation,
      dataSources[primary.serviceName],
    ),
  };
  // Fresh per event: the executor accumulates per-request state (error paths) on it.
  const requestContext = {
    request: { query: prepared.source, operationName: prepared.operationName, variables: prepared.variables },
    context,
    logger: context.log,
    metrics: {},
    schema: runtime.planner.apiGraphQLSchema,
    document: prepared.document,
    source: prepared.source,
    operation: prepared.operation,
    operationName: prepared.operationName ?? null,
  } as unknown as ExecuteArgs[2];
  return executeQueryPlan(
    plan,
    serviceMap,
    requestContext,
    prepared.operationContext,
    runtime.planner.supergraphSchema,
    runtime.planner.apiSchema,
  ) as Promise<ExecutionResult>;
}
