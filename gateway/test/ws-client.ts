import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Collected {
  results: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  }[];
  completed: boolean;
  error?: unknown;
  unsubscribe: () => void;
}

/** A graphql-ws client as a browser or script would open it at the gateway. */
export function wsClient(httpUrl: string, token?: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazyCloseTimeout: 0,
    ...(token ? { connectionParams: { authorization: `Bearer ${token}` } } : {}),
  });
}

/** Subscribes and collects every result, the completion and any terminal error. */
export function collect(client: Client, query: string, variables: Record<string, unknown> = {}): Collected {
  const collected: Collected = { results: [], completed: false, unsubscribe: () => undefined };
  collected.unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (r) => void collected.results.push(r as Collected['results'][number]),
      error: (e) => {
        collected.error = e;
      },
      complete: () => {
        collected.completed = true;
      },
    },
  );
  return collected;
}
