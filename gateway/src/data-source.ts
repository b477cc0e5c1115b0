import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { INTERNAL_HEADER, signInternal } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { UpstreamUnavailableError } from '@opshub/errors';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.js';
import { authorisationScope, type InFlightFetches } from './fetch-dedup.js';
import { timedFetcher, type GatewayMetrics } from './metrics.js';
import { SubgraphResponse, type SubgraphHttp } from './subgraph-http.js';

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
  /**
   * Shared by the gateway's data sources: identical reads in flight (same subgraph, body and
   * authorisation scope) are sent once (fetch-dedup.ts). Absent: every fetch is sent.
   */
  inFlight?: InFlightFetches;
  /** The keep-alive pool the gateway's subgraph calls share (subgraph-http.ts). */
  http: SubgraphHttp;
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

/**
 * The fetch being sent (the fetcher is called by Apollo without the context): its deadline, and
 * its deduplication key when it is a read that may share an identical one in flight.
 */
interface CurrentFetch {
  signal: AbortSignal;
  shareKey?: string;
}
const currentFetch = new AsyncLocalStorage<CurrentFetch>();

/** Calls over the gateway's keep-alive pool, with the deadline of the fetch being sent, shared when it may be. */
function fetcherFor(client: SubgraphHttp, inFlight: InFlightFetches | undefined, queryMs: number): Fetcher {
  return async (url, init) => {
    const call = currentFetch.getStore();
    const request = {
      method: init?.method ?? 'POST',
      headers: init?.headers as Record<string, string>,
      body: String(init?.body ?? ''),
    };
    let answer;
    if (!inFlight || !call?.shareKey) {
      answer = await client.request(url, { ...request, ...(call ? { signal: call.signal } : {}) });
    } else {
      // The shared fetch keeps a deadline of its own: the first caller giving up must not fail the others.
      const send = () => client.request(url, { ...request, signal: AbortSignal.timeout(queryMs) });
      answer = await inFlight.fetch(`${url}\u0000${call.shareKey}\u0000${request.body}`, send, call.signal);
    }
    return new SubgraphResponse(answer, url) as unknown as FetchResult;
  };
}

/** True for a connection refused, reset or dropped: the subgraph is down or restarting, not buggy. */
function isTransportFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (TRANSPORT_FAILURE.test(`${(e as { code?: string }).code ?? ''} ${e.message}`)) return true;
  }
  return false;
}

const MUTATION = /^\s*mutation\b/;
/** GraphQLDataSourceRequestKind.INCOMING_OPERATION (the enum is not exported by @apollo/gateway's index). */
const INCOMING_OPERATION = 'incoming operation' as GraphQLDataSourceProcessOptions['kind'];
// "aborted due to timeout": a shared read (fetch-dedup.ts) that outlived its own deadline.
const TRANSPORT_FAILURE =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|socket hang up|aborted due to timeout/i;

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
    const timeouts = { ...DEFAULT_SUBGRAPH_TIMEOUTS, ...options.timeouts };
    const fetcher = fetcherFor(options.http, options.inFlight, timeouts.queryMs);
    super({ url: options.url, fetcher: timedFetcher(options.metrics, options.name, fetcher) });
    this.timeouts = timeouts;
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
    const mutation = MUTATION.test(query);
    const timeoutMs = mutation ? this.timeouts.mutationMs : this.timeouts.queryMs;
    const signal = AbortSignal.timeout(timeoutMs);
    // Reads of a client's operation only: a mutation is sent as often as it was asked for.
    const context = options.context as GatewayContext | undefined;
    const call: CurrentFetch =
      !mutation && options.kind === INCOMING_OPERATION
        ? { signal, shareKey: authorisationScope(context?.user, context?.clientAddress) }
        : { signal };
    return currentFetch.run(call, async () => {
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
