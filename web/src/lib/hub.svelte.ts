import { Client, fetchExchange, mapExchange, subscriptionExchange, type CombinedError } from '@urql/core';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { backoffDelay } from './backoff';
import { hasCode } from './errors';
import {
  AUTH_CLOSE_CODES,
  closeCode,
  isRetryableSocketFailure,
  subscribeOverSocket,
} from './persistent-subscription';

export type SocketStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface HubOptions {
  /** Read on every request and every (re)connect, so a new token is used without rebuilding. */
  getToken: () => string | null;
  /** Called when the hub says the token is no longer valid. */
  onUnauthenticated: (message: string) => void;
}

function graphqlUrl(protocol: 'http' | 'ws'): string {
  const { location } = window;
  const scheme = protocol === 'ws' ? (location.protocol === 'https:' ? 'wss:' : 'ws:') : location.protocol;
  return `${scheme}//${location.host}/graphql`;
}

/**
 * One signed-in connection to the gateway: an urql client for HTTP and a graphql-ws socket for
 * subscriptions. Rebuilt on sign-out so nothing (socket, in-flight results) outlives the session.
 */
export class Hub {
  socket = $state<SocketStatus>('idle');
  readonly client: Client;
  readonly #ws: WsClient;

  constructor(options: HubOptions) {
    const authorization = (): string | undefined => {
      const token = options.getToken();
      return token ? `Bearer ${token}` : undefined;
    };

    this.#ws = createClient({
      url: graphqlUrl('ws'),
      // Lazy: the socket opens with the first subscription (the home page's feed), not on the login page.
      lazy: true,
      connectionParams: () => {
        const value = authorization();
        return value ? { authorization: value } : {};
      },
      retryAttempts: Infinity,
      retryWait: async (retries) => {
        this.socket = 'reconnecting';
        // Capped at 10 s: a control room wants the feed back soon after the hub is.
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(retries, 500, 10_000)));
      },
      // Browsers report a refused connection as a bare Event, not a CloseEvent: retry those too.
      shouldRetry: isRetryableSocketFailure,
      on: {
        connecting: (isRetry) => {
          this.socket = isRetry ? 'reconnecting' : 'connecting';
        },
        connected: () => {
          this.socket = 'connected';
        },
        closed: (event) => {
          const code = closeCode(event);
          if (code !== undefined && AUTH_CLOSE_CODES.has(code)) {
            options.onUnauthenticated('The hub refused the live connection: sign in again.');
          }
          // 1000 is the lazy close after the last subscription ended: nothing is wrong. While retrying,
          // each refused attempt also closes: stay "reconnecting" rather than flicker to "closed".
          if (code === 1000) this.socket = 'idle';
          else if (this.socket !== 'reconnecting') this.socket = 'closed';
        },
      },
    });

    const ws = this.#ws;
    this.client = new Client({
      url: graphqlUrl('http'),
      // No cache exchange: every card polls live numbers, and a cache would only serve stale ones.
      exchanges: [
        mapExchange({
          onError: (error: CombinedError, operation) => {
            if (operation.context['authRedirect'] === false) return;
            if (hasCode(error, 'UNAUTHENTICATED'))
              options.onUnauthenticated('Your session has ended: sign in again.');
          },
        }),
        fetchExchange,
        subscriptionExchange({
          forwardSubscription: (request, operation) => ({
            subscribe: (sink) => ({
              unsubscribe: subscribeOverSocket(
                ws,
                { ...request, query: request.query ?? '' },
                operation.query,
                sink,
                operation.context['persistent'] === true,
              ),
            }),
          }),
        }),
      ],
      fetchOptions: (): RequestInit => {
        const value = authorization();
        return value ? { headers: { authorization: value } } : {};
      },
      preferGetMethod: false,
    });
  }

  dispose(): void {
    void this.#ws.dispose();
  }
}
