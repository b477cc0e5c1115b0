import { randomUUID } from 'node:crypto';
import type { Principal } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import type { EventQueue } from '@opshub/events';
import type { ExecutionResult } from 'graphql';
import type WebSocket from 'ws';
import type { GatewayContext } from '../context.js';
import { SocketCloseCode, type ResolvedSocketOptions } from './socket-options.js';

/** One subscription of this socket: the queue of results its client has not taken yet. */
export interface Flow {
  channel: EventQueue<ExecutionResult>;
}

/** After `close()`, how long a client that does not answer the close frame keeps its TCP socket. */
const CLOSE_GRACE_MS = 5_000;
/** setTimeout's largest delay; a later expiry is re-armed when this one fires. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * One authenticated client WebSocket: who it is (re-checked by the registry), its subscriptions'
 * result queues and the bound on what it buffers. Its subscriptions are members of shared
 * subscriptions (hub.ts), which push each event's result into every member's queue without
 * waiting: a client that does not read only fills its own queue. Results it has not taken above
 * `maxQueuedResults` (summed over its subscriptions), or a send buffer above `maxBufferedBytes`,
 * mean it is not reading — it is closed with 1013 and its subscriptions end at once; the others
 * sharing its subscriptions never wait for it.
 */
export class ClientConnection {
  readonly id = randomUUID();
  /** The socket's caller and client address; each subscription derives its own request id from it. */
  readonly context: GatewayContext;
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

  openFlow(channel: EventQueue<ExecutionResult>): Flow {
    const flow: Flow = { channel };
    this.flows.add(flow);
    return flow;
  }

  closeFlow(flow: Flow): void {
    this.flows.delete(flow);
  }

  /** A result was queued for one of this socket's subscriptions: close the socket if it is not reading. */
  resultQueued(): void {
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
   * Ends every subscription of this socket now, then closes the client socket with `code`;
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
  }
}
