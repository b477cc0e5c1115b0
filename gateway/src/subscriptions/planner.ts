import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import { BadUserInputError, ErrorCode } from '@opshub/errors';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { checkLimits, parseWithLimits, type QueryLimits } from '../limits.js';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** A subscription checked and planned: the primary fetch opens it, `rest` completes each event. */
export interface PreparedSubscription {
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  operationContext: OperationContext;
  variables: Record<string, unknown>;
  primary: FetchNode;
  rest?: PlanNode;
}

export interface SubscribeRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

const coded = (error: GraphQLError, code: string): GraphQLError =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });

/**
 * Validates and plans subscription operations over the supergraph, the way @apollo/gateway does
 * for queries (same planner, same API schema); plans are cached by document and operation name.
 */
export class SubscriptionPlanner {
  readonly apiSchema: Schema;
  readonly apiGraphQLSchema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly plans = new Map<string, { primary: FetchNode; rest?: PlanNode }>();

  constructor(
    supergraphSdl: string,
    private readonly maxCachedPlans = 500,
  ) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.apiGraphQLSchema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  /** The prepared subscription, or the errors to send the client (all coded). */
  prepare(request: SubscribeRequest, limits: QueryLimits): PreparedSubscription | readonly GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parseWithLimits(request.query, limits);
    } catch (error) {
      if (error instanceof GraphQLError) {
        return [error.extensions['code'] ? error : coded(error, ErrorCode.GRAPHQL_PARSE_FAILED)];
      }
      throw error;
    }
    const invalid = validate(this.apiGraphQLSchema, document);
    if (invalid.length > 0) return invalid.map((e) => coded(e, ErrorCode.GRAPHQL_VALIDATION_FAILED));
    const tooComplex = checkLimits(document, limits);
    if (tooComplex) return [tooComplex];

    const operationName = request.operationName ?? undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation) return [new BadUserInputError('Name the operation to run (operationName)')];
    if (operation.operation !== 'subscription') {
      return [
        new BadUserInputError(
          'Only subscriptions are served over WebSocket; send queries and mutations with HTTP POST',
        ),
      ];
    }
    const variables = request.variables ?? {};
    const coerced = getVariableValues(this.apiGraphQLSchema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return coerced.errors.map((e) => coded(e, ErrorCode.BAD_USER_INPUT));

    const plan = this.plan(request.query, document, operationName);
    return {
      source: request.query,
      document,
      operation,
      operationName,
      operationContext: buildOperationContext({
        schema: this.apiGraphQLSchema,
        operationDocument: document,
        operationName,
      }),
      variables,
      ...plan,
    };
  }

  private plan(
    query: string,
    document: DocumentNode,
    operationName: string | undefined,
  ): { primary: FetchNode; rest?: PlanNode } {
    const key = `${operationName ?? ''}\u0000${query}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    const operation = operationFromDocument(this.apiSchema, document, { operationName });
    const node = this.planner.buildQueryPlan(operation).node;
    if (node?.kind !== 'Subscription')
      throw new Error(`Expected a Subscription plan node, got ${node?.kind ?? 'none'}`);
    const plan = { primary: node.primary, ...(node.rest ? { rest: node.rest } : {}) };
    if (this.plans.size >= this.maxCachedPlans) this.plans.delete(this.plans.keys().next().value as string);
    this.plans.set(key, plan);
    return plan;
  }
}
