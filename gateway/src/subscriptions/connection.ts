import { randomUUID } from 'node:crypto';
import type { Principal } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import type { EventQueue } from '@opshub/events';
import type { ExecutionResult } from 'graphql';
import type WebSocket from 'ws';
import type { GatewayContext } from '../context.js';
import { SocketCloseCode, type ResolvedSocketOptions } from './socket-options.js';
import { Upstream } from './upstream.js';

/** One subscription's share of the socket's buffers: events being completed, results queued. */
export interface Flow {
  completing: number;
  channel: EventQueue<ExecutionResult>;
}

/** After `close()`, how long a client that does not answer the close frame keeps its TCP socket. */
const CLOSE_GRACE_MS = 5_000;
/** setTimeout's largest delay; a later expiry is re-armed when this one fires. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * One authenticated client WebSocket: who it is (re-checked by the registry), its upstream
 * sockets (one per subgraph, shared by its subscriptions) and the bound on what it buffers.
 *
 * Memory per socket is bounded two ways: events still being completed (entity fetches) above
 * `upstreamHighWater` pause reading the upstream sockets (backpressure to the subgraphs, resumed at
 * a quarter of it); results the client has not taken above `maxQueuedResults`, or a send buffer
 * above `maxBufferedBytes`, mean the client itself is not reading — it is closed with 1013 and its
 * subscriptions end at once.
 */
export class ClientConnection {
  readonly id = randomUUID();
  /** The socket-level context the upstream sockets are signed with (subscriptions have their own). */
  readonly context: GatewayContext;
  private readonly upstreams = new Map<string, Upstream>();
  private readonly flows = new Set<Flow>();
  private expiryTimer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    readonly socket: WebSocket,
    /** The `Authorization` value of `connection_init`, asked again on every re-check. */
    readonly authorization: string,
    public user: Principal,
    private readonly options: ResolvedSocketOptions,
    log: Logger,
    clientAddress: string | undefined,
  ) {
    this.context = {
      user,
      requestId: this.id,
      log: log.child({ socket: this.id, user: user.username }),
      ...(clientAddress ? { clientAddress } : {}),
    };
  }

  get log(): Logger {
    return this.context.log;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /** The shared upstream client to `subgraph` (created on first use). */
  upstream(subgraph: string, url: string, sign: () => Promise<Record<string, unknown>>): Upstream {
    let upstream = this.upstreams.get(subgraph);
    if (!upstream) {
      upstream = new Upstream(url, sign);
      this.upstreams.set(subgraph, upstream);
    }
    return upstream;
  }

  openFlow(channel: EventQueue<ExecutionResult>): Flow {
    const flow: Flow = { completing: 0, channel };
    this.flows.add(flow);
    return flow;
  }

  closeFlow(flow: Flow): void {
    this.flows.delete(flow);
    this.balanceUpstream();
  }

  /** An upstream event for `flow` arrived; false when the socket is closing (drop the event). */
  eventArrived(flow: Flow): boolean {
    if (this.closing) return false;
    flow.completing++;
    this.balanceUpstream();
    return true;
  }

  /** The event's result was pushed into its channel (or it failed). */
  eventCompleted(flow: Flow): void {
    flow.completing--;
    this.balanceUpstream();
    if (this.closing) return;
    let queued = 0;
    for (const f of this.flows) queued += f.channel.size;
    const buffered = this.socket.bufferedAmount;
    if (queued > this.options.maxQueuedResults || buffered > this.options.maxBufferedBytes) {
      this.log.warn({ queued, buffered }, 'WebSocket client does not keep up: closing it');
      this.close(SocketCloseCode.TryAgainLater, 'Client too slow: outbound buffer full');
    }
  }

  /** Closes at `expiresAt` (epoch ms) with 4401; undefined: the credential does not expire. */
  setExpiry(expiresAt: number | undefined): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    if (expiresAt === undefined || this.closing) return;
    const delay = expiresAt - Date.now();
    if (delay <= 0) {
      this.close(SocketCloseCode.Unauthorized, 'Session expired');
      return;
    }
    this.expiryTimer = setTimeout(() => this.setExpiry(expiresAt), Math.min(delay, MAX_TIMER_MS));
    this.expiryTimer.unref();
  }

  /**
   * Ends every subscription and upstream socket now, then closes the client socket with `code`;
   * a client that does not answer the close frame (it is not reading) is cut after a grace period.
   */
  close(code: number, reason: string): void {
    if (this.closing) return;
    this.release();
    this.socket.close(code, reason);
    const socket = this.socket;
    setTimeout(() => {
      if (socket.readyState !== socket.CLOSED) socket.terminate();
    }, CLOSE_GRACE_MS).unref();
  }

  /** The client socket closed: release everything it held. */
  release(): void {
    this.closing = true;
    clearTimeout(this.expiryTimer);
    for (const flow of [...this.flows]) void flow.channel.return();
    this.flows.clear();
    for (const upstream of this.upstreams.values()) upstream.dispose();
    this.upstreams.clear();
  }

  private balanceUpstream(): void {
    let completing = 0;
    for (const f of this.flows) completing += f.completing;
    const high = this.options.upstreamHighWater;
    for (const upstream of this.upstreams.values()) {
      if (completing >= high) upstream.pause();
      else if (completing <= high / 4) upstream.resume();
    }
  }
}
