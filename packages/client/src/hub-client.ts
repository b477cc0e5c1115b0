import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { declaresVariable, resumablePayload } from './resume.js';
import { ClientErrorCode, HubError, hubErrorFrom, hubErrorFromSocket, resultFromHttp } from './hub-error.js';

export interface HubClientOptions {
  /** The gateway: `http://localhost:4000` or its endpoint `http://localhost:4000/graphql`. */
  url: string;
  /** A session token (from `login`) or an API token (`npm run opshub -- token create`). */
  token?: string;
  /** WebSocket implementation for subscriptions; defaults to `ws` (Node 20 has no global WebSocket). */
  webSocketImpl?: unknown;
  /**
   * Attempts, with exponential backoff, after a socket closed abnormally (including 1013, the gateway
   * closing a client that fell behind) and after a subscription ended by UPSTREAM_UNAVAILABLE or
   * SERVICE_UNAVAILABLE, before the subscription fails with that error (default 5; the count starts
   * again once an event or a connection gets through).
   */
  retryAttempts?: number;
  /** First backoff delay; doubled per attempt, capped at 30 s, plus up to 50 % jitter (default 1,000 ms). */
  retryDelayMs?: number;
  /** Told when the subscription socket connects or closes and when a subscription is retried (diagnostics). */
  onConnection?: (event: ConnectionEvent) => void;
}

/** What `onConnection` is told: a script's diagnostics line, not its data. */
export type ConnectionEvent =
  | { kind: 'connected'; retry: boolean }
  | { kind: 'closed'; code?: number; reason?: string }
  | { kind: 'resubscribing'; attempt: number; error: HubError };

/** The wait before retry number `attempt` (1-based): delay · 2^(attempt−1), at most 30 s, plus jitter. */
export function backoffMs(attempt: number, delayMs = 1000): number {
  const base = Math.min(30_000, delayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + Math.random() / 2));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Variables are optional exactly when the operation has no required ones. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type VariablesArg<V> = {} extends V ? [variables?: V] : [variables: V];

export interface HubClient {
  query<R, V extends Record<string, unknown>>(
    doc: TypedDocumentNode<R, V>,
    ...vars: VariablesArg<V>
  ): Promise<R>;
  mutate<R, V extends Record<string, unknown>>(
    doc: TypedDocumentNode<R, V>,
    ...vars: VariablesArg<V>
  ): Promise<R>;
  /** Each event's data; ends when the hub completes it, throws a HubError when it fails. Break to unsubscribe. */
  subscribe<R, V extends Record<string, unknown>>(
    doc: TypedDocumentNode<R, V>,
    ...vars: VariablesArg<V>
  ): AsyncIterableIterator<R>;
  /** Closes the subscription socket (if one was opened). */
  close(): Promise<void>;
}

/** The GraphQL endpoint for a gateway address given with or without its `/graphql` path. */
export function graphqlEndpoint(url: string): { http: string; ws: string } {
  const u = new URL(url);
  if (u.pathname === '' || u.pathname === '/') u.pathname = '/graphql';
  const http = u.toString();
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return { http, ws: u.toString() };
}

export function createHubClient(options: HubClientOptions): HubClient {
  const endpoint = graphqlEndpoint(options.url);
  const authorization = options.token ? `Bearer ${options.token}` : undefined;
  let socket: WsClient | undefined;
  const retryAttempts = options.retryAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 1000;

  function ws(): WsClient {
    // Lazy: a script that only queries never opens a socket, and the socket closes with its last subscription.
    socket ??= createClient({
      url: endpoint.ws,
      webSocketImpl: options.webSocketImpl ?? WebSocket,
      lazy: true,
      connectionParams: authorization ? { authorization } : {},
      on: {
        connected: (_socket, _payload, wasRetry) =>
          options.onConnection?.({ kind: 'connected', retry: wasRetry }),
        closed: (event) => {
          const e = (typeof event === 'object' && event !== null ? event : {}) as {
            code?: unknown;
            reason?: unknown;
          };
          options.onConnection?.({
            kind: 'closed',
            ...(typeof e.code === 'number' ? { code: e.code } : {}),
            ...(typeof e.reason === 'string' && e.reason ? { reason: e.reason } : {}),
          });
        },
      },
      retryAttempts,
      retryWait: (retries) => sleep(backoffMs(retries + 1, retryDelayMs)),
      // Retry a dropped or refused socket (bounded by retryAttempts), never a refused token (4401/4403).
      shouldRetry: (e) =>
        !Array.isArray(e) &&
        !(typeof e === 'object' && e !== null && 'code' in e && (e.code === 4401 || e.code === 4403)),
    });
    return socket;
  }

  async function request<R>(doc: DocumentNode, variables: unknown): Promise<R> {
    let response: Response;
    try {
      response = await fetch(endpoint.http, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify({ query: print(doc), variables: variables ?? {} }),
      });
    } catch (e) {
      const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
      throw new HubError(ClientErrorCode.NETWORK_ERROR, `${endpoint.http}: ${String(e)}${cause}`);
    }
    return resultFromHttp<R>(response.status, await response.text());
  }

  async function* subscribe<R>(doc: DocumentNode, variables: unknown): AsyncIterableIterator<R> {
    // Subscriptions that take `$after` resume from their last eventId when the socket reconnects.
    const { payload, seen } = resumablePayload(
      { query: print(doc), variables: (variables ?? {}) as Record<string, unknown> },
      declaresVariable(doc, 'after'),
    );
    // A subscription the hub ended with a retryable code is subscribed again (resuming with `after`),
    // at most retryAttempts times in a row; a dropped socket is reconnected by graphql-ws itself.
    for (let attempt = 0; ;) {
      const results = ws().iterate<R>(payload);
      let failure: HubError | undefined;
      try {
        for await (const result of results) {
          if (result.errors?.length) throw hubErrorFrom(result.errors);
          seen(result);
          attempt = 0;
          if (result.data) yield result.data as R;
        }
      } catch (e) {
        failure = hubErrorFromSocket(e);
      } finally {
        // Breaking out of the loop lands here: tell the hub to stop sending.
        await results.return?.();
      }
      if (!failure) return;
      if (!failure.retryable || attempt >= retryAttempts) throw failure;
      attempt += 1;
      options.onConnection?.({ kind: 'resubscribing', attempt, error: failure });
      await sleep(backoffMs(attempt, retryDelayMs));
    }
  }

  return {
    query<R, V extends Record<string, unknown>>(doc: TypedDocumentNode<R, V>, ...vars: VariablesArg<V>) {
      return request<R>(doc, vars[0]);
    },
    mutate<R, V extends Record<string, unknown>>(doc: TypedDocumentNode<R, V>, ...vars: VariablesArg<V>) {
      return request<R>(doc, vars[0]);
    },
    subscribe<R, V extends Record<string, unknown>>(doc: TypedDocumentNode<R, V>, ...vars: VariablesArg<V>) {
      return subscribe<R>(doc, vars[0]);
    },
    async close() {
      await socket?.dispose();
      socket = undefined;
    },
  };
}
