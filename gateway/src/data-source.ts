import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { INTERNAL_HEADER, signInternal } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { UpstreamUnavailableError } from '@opshub/errors';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.js';
import type { GatewayMetrics } from './metrics.js';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type Fetcher = NonNullable<RemoteGraphQLDataSource['fetcher']>;
type FetchResult = Awaited<ReturnType<Fetcher>>;

/** How long the gateway waits for one subgraph fetch. */
export interface SubgraphTimeouts {
  /** Queries and entity fetches (default 10 s). */
  queryMs: number;
  /**
   * Mutation fetches (default 25 s): a DCS command waits up to 20 s for the workers to carry it
   * out, and a write that committed should not be reported as lost for being a little slow.
   */
  mutationMs: number;
}

export const DEFAULT_SUBGRAPH_TIMEOUTS: SubgraphTimeouts = { queryMs: 10_000, mutationMs: 25_000 };

export interface SignedDataSourceOptions {
  name: string;
  url: string;
  secret: string;
  metrics: GatewayMetrics;
  log: Logger;
  timeouts?: Partial<SubgraphTimeouts>;
}

/**
 * The gateway's signature for one call to `subgraph`: made for that subgraph only, fresh (`jti`)
 * and 10 s long, so each fetch (and each upstream WebSocket) gets its own. Synchronous HMAC:
 * microseconds, nothing to cache.
 */
export function signatureFor(secret: string, subgraph: string, context: GatewayContext | undefined): string {
  return signInternal(secret, subgraph, {
    requestId: context?.requestId ?? 'internal',
    ...(context?.user ? { user: context.user } : {}),
    ...(context?.clientAddress ? { clientAddress: context.clientAddress } : {}),
  });
}

/** The abort signal of the fetch being sent (the fetcher is shared and cannot take it as an argument). */
const currentSignal = new AsyncLocalStorage<AbortSignal>();
/** Node's fetch (undici) with the deadline of the fetch being sent. */
const abortableFetcher: Fetcher = (url, init) =>
  fetch(url, { ...init, signal: currentSignal.getStore() } as RequestInit) as unknown as Promise<FetchResult>;

/** True for a connection refused, reset or dropped: the subgraph is down or restarting, not buggy. */
function isTransportFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (TRANSPORT_FAILURE.test(`${(e as { code?: string }).code ?? ''} ${e.message}`)) return true;
  }
  return false;
}

const MUTATION = /^\s*mutation\b/;
const TRANSPORT_FAILURE =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|socket hang up/i;

/**
 * Calls one subgraph with the gateway's signed `x-opshub-internal` header (user, roles, request id,
 * client address), with a deadline. A subgraph that does not answer in time, refuses the connection
 * or drops it becomes a coded UPSTREAM_UNAVAILABLE for the fields it owns: the rest of the operation
 * still answers. Other failures are replaced by an error without a code, so the edge masks them: a
 * subgraph's URL or status must not reach clients.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly timeouts: SubgraphTimeouts;

  constructor(private readonly options: SignedDataSourceOptions) {
    super({ url: options.url, fetcher: abortableFetcher });
    this.timeouts = { ...DEFAULT_SUBGRAPH_TIMEOUTS, ...options.timeouts };
  }

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    request.http?.headers.set(
      INTERNAL_HEADER,
      signatureFor(this.options.secret, this.options.name, context as GatewayContext),
    );
    if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  override process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const query = options.request.query ?? '';
    const timeoutMs = MUTATION.test(query) ? this.timeouts.mutationMs : this.timeouts.queryMs;
    const signal = AbortSignal.timeout(timeoutMs);
    return currentSignal.run(signal, async () => {
      try {
        return await super.process(options);
      } catch (error) {
        if (signal.aborted) {
          throw new UpstreamUnavailableError(
            `The ${this.options.name} service did not answer within ${timeoutMs / 1000} s; retry later`,
            { subgraph: this.options.name, timeoutMs },
          );
        }
        throw error;
      }
    });
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    if (response.status === 502 || response.status === 503 || response.status === 504) {
      return new UpstreamUnavailableError(`The ${this.options.name} service is unavailable; retry later`, {
        subgraph: this.options.name,
      });
    }
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
    if (error instanceof UpstreamUnavailableError) throw error;
    if (isTransportFailure(error)) {
      throw new UpstreamUnavailableError(`The ${this.options.name} service is unavailable; retry later`, {
        subgraph: this.options.name,
      });
    }
    throw new GraphQLError(`Fetching from subgraph ${this.options.name} failed`, { originalError: error });
  }
}
