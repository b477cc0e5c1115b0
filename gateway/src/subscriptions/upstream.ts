import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const toWebSocketUrl = (url: string): string => url.replace(/^http/, 'ws');

/**
 * One graphql-ws client to one subgraph, shared by every subscription a client socket holds there
 * (graphql-ws multiplexes them by id): a client socket costs at most one upstream socket per
 * subgraph, however many subscriptions it opens. Lazy: the socket opens with the first
 * subscription and closes after the last; after a drop the next subscription connects again, with
 * fresh `connectionParams` (a new signature).
 *
 * `pause()` stops reading the upstream socket (TCP backpressure to the subgraph) while this
 * client's events are still being completed; `resume()` reads again.
 */
export class Upstream {
  readonly client: Client;
  private readonly sockets = new Set<WebSocket>();
  private paused = false;

  constructor(httpUrl: string, connectionParams: () => Promise<Record<string, unknown>>) {
    const sockets = this.sockets;
    const isPaused = (): boolean => this.paused;
    class TrackedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        sockets.add(this);
        this.once('open', () => {
          if (isPaused()) this.pause();
        });
        this.once('close', () => sockets.delete(this));
      }
    }
    this.client = createClient({
      url: toWebSocketUrl(httpUrl),
      webSocketImpl: TrackedWebSocket,
      connectionParams,
      retryAttempts: 0,
      lazyCloseTimeout: 0,
    });
  }

  get isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    for (const socket of this.sockets) socket.pause();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const socket of this.sockets) socket.resume();
  }

  dispose(): void {
    void this.client.dispose();
  }
}
