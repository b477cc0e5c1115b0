import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { INTERNAL_HEADER, signInternal } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.js';
import type { GatewayMetrics } from './metrics.js';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

export interface SignedDataSourceOptions {
  name: string;
  url: string;
  secret: string;
  metrics: GatewayMetrics;
  log: Logger;
}

/**
 * Signatures are memoised per operation context: one HS256 signature however many fetches a plan
 * makes. They live 60 s, so a context that outlives that (a subscription's entity fetches, hours
 * later) gets a fresh one after half of it.
 */
const signatures = new WeakMap<object, { at: number; signature: Promise<string> }>();
const REUSE_MS = 30_000;

export function signatureFor(secret: string, context: GatewayContext): Promise<string> {
  const now = Date.now();
  const cached = signatures.get(context);
  if (cached && now - cached.at < REUSE_MS) return cached.signature;
  const signature = signInternal(secret, { user: context.user, requestId: context.requestId });
  signatures.set(context, { at: now, signature });
  return signature;
}

/**
 * Calls one subgraph with the gateway's signed `x-opshub-internal` header (user, roles, request id).
 * Transport failures are counted and replaced by an error without a code, so the edge masks them:
 * a subgraph's URL or status must not reach clients.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly options: SignedDataSourceOptions) {
    super({ url: options.url });
  }

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    request.http?.headers.set(
      INTERNAL_HEADER,
      await signatureFor(this.options.secret, context as GatewayContext),
    );
    if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    return new GraphQLError(`Subgraph ${this.options.name} answered HTTP ${response.status}`);
  }

  override didEncounterError(
    error: Error,
    _request: unknown,
    _response?: unknown,
    context?: GatewayContext,
  ): void {
    this.options.metrics.recordFetchError(this.options.name);
    (context?.log ?? this.options.log).error(
      { err: error, subgraph: this.options.name },
      'subgraph fetch failed',
    );
    throw new GraphQLError(`Fetching from subgraph ${this.options.name} failed`, { originalError: error });
  }
}
