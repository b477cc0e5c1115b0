import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const toWebSocketUrl = (url: string): string => url.replace(/^http/, 'ws');

/**
 * One graphql-ws client to one subgraph for one authorisation scope, shared by every shared
 * subscription of that scope there (graphql-ws multiplexes them by id): the gateway holds one
 * upstream socket per subgraph and scope, however many clients subscribe. Lazy: the socket opens
 * with the first subscription and closes after the last; after a drop the next subscription
 * connects again, with fresh `connectionParams` (a new signature).
 *
 * Events still being completed (entity fetches) at or above `highWater` pause reading the socket
 * (TCP backpressure to the subgraph); at a quarter of it reading resumes. Slow *clients* never
 * pause it: each has its own bounded queue (connection.ts).
 */
export class Upstream {
  readonly client: Client;
  /** Shared subscriptions using this socket (the pool disposes it at zero). */
  users = 0;
  private readonly sockets = new Set<WebSocket>();
  private paused = false;
  private completing = 0;

  constructor(
    httpUrl: string,
    connectionParams: () => Promise<Record<string, unknown>>,
    private readonly highWater = 128,
  ) {
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

  /** An event arrived and is being completed. */
  eventArrived(): void {
    this.completing++;
    if (this.completing >= this.highWater) this.pause();
  }

  /** An event's completion ended (delivered or failed). */
  eventCompleted(): void {
    this.completing = Math.max(0, this.completing - 1);
    if (this.completing <= this.highWater / 4) this.resume();
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
