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

export interface WsClientOptions {
  /** The `Origin` header a browser page would send (none: a script). */
  origin?: string;
  /** Receives each underlying socket, e.g. to `pause()` it like a client that stops reading. */
  onSocket?: (socket: WebSocket) => void;
}

/** A graphql-ws client as a browser or script would open it at the gateway. */
export function wsClient(httpUrl: string, token?: string, options: WsClientOptions = {}): Client {
  const { origin, onSocket } = options;
  class ClientSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, origin ? { headers: { origin } } : {});
      onSocket?.(this);
    }
  }
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: ClientSocket,
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

/** The close code of a graphql-ws terminal error, when it is a close event. */
export const closeCodeOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? error.code
    : undefined;

export interface RawSocket {
  socket: WebSocket;
  /** Resolves with the close code (or rejects with the upgrade failure, e.g. a 403). */
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  messages: Record<string, unknown>[];
}

/** A bare graphql-transport-ws socket, for what graphql-ws's client will not do (huge frames, no pong). */
export function rawSocket(httpUrl: string, options: { origin?: string; autoPong?: boolean } = {}): RawSocket {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', {
    ...(options.origin ? { headers: { origin: options.origin } } : {}),
    autoPong: options.autoPong ?? true,
  });
  const messages: Record<string, unknown>[] = [];
  socket.on('message', (data) => void messages.push(JSON.parse(String(data)) as Record<string, unknown>));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve, reject) => {
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) }));
    socket.once('error', reject);
  });
  // Both promises may be awaited late (or never): keep their rejections from going unhandled.
  opened.catch(() => undefined);
  closed.catch(() => undefined);
  return { socket, closed, opened, messages };
}
