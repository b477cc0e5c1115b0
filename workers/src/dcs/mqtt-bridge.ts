import { safeUrl } from '@opshub/config';
import type { IncomingMessage } from '@opshub/dcs';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import type { BridgeStats, Held, MqttBridgeOptions } from './mqtt-bridge.options.js';
import { loginOptions } from './mqtt-login.js';
import { PubackLedger, type PacketSender } from './puback-ledger.js';
import { withTimeout } from './with-timeout.js';

export type { BridgeStats, IngestContext, MqttBridgeOptions } from './mqtt-bridge.options.js';

/** handleMessage's callback with an error: mqtt.js then sends no PUBACK (the bridge sends it after the commit). */
const LATER = new Error('acknowledged after the commit');
/** How often the receipts of settled PUBACKs are deleted, ms. */
const FORGET_EVERY_MS = 500;
/** After leaving a shared subscription, how long without a message means the broker has sent all it had, ms. */
const QUIET_MS = 300;

/**
 * The long-lived MQTT → Postgres bridge: QoS 1 subscriptions on a persistent MQTT 5 session, buffered
 * and written in batches; a message is acknowledged (PUBACK) only once the batch holding it has
 * committed. Until then the broker keeps it: a crash, a kill or a database outage loses nothing, and
 * the broker's in-flight window (Receive Maximum) bounds what is held here. A message the broker
 * delivers again after a commit whose PUBACK was lost is recognised by its receipt and stored once.
 */
export class MqttBridge {
  private readonly buffer: Held[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly forgetTimer: NodeJS.Timeout;
  /** Failed attempts in a row of the batch at the head of the buffer. */
  private attempts = 0;
  /** The current connection (incremented on every CONNACK). */
  private connection = 0;
  /** handleMessage's callback held while the buffer is full: the socket is not read meanwhile. */
  private held: (() => void) | undefined;
  private readonly pubacks: PubackLedger;
  /** Messages of the batch being written. */
  private writing = 0;
  private readonly maxBatch: number;
  private readonly maxBuffered: number;
  private lastReceivedAt = 0;
  readonly stats: BridgeStats = {
    received: 0,
    stored: 0,
    acked: 0,
    batches: 0,
    failedBatches: 0,
    pending: 0,
    connections: 0,
  };

  private constructor(
    private readonly client: MqttClient,
    private readonly options: MqttBridgeOptions,
    receiveMaximum: number,
  ) {
    this.maxBatch = options.maxBatch ?? 5000;
    this.maxBuffered = options.maxBuffered ?? 2 * receiveMaximum;
    this.pubacks = new PubackLedger(client, this.stats, options.log, options.forget);
    this.forgetTimer = setInterval(() => this.pubacks.settle(), FORGET_EVERY_MS);
    this.forgetTimer.unref();
  }

  static async start(options: MqttBridgeOptions): Promise<MqttBridge> {
    const receiveMaximum = Math.min(65_535, Math.max(1, options.receiveMaximum ?? 10_000));
    const broker = safeUrl(options.url);
    const client = mqtt.connect(options.url, {
      ...loginOptions(options.login),
      clientId: options.clientId,
      clean: false,
      // The session (subscriptions, unacknowledged messages) outlives the connection, for good.
      ...((options.protocolVersion ?? 5) === 5
        ? { protocolVersion: 5, properties: { sessionExpiryInterval: 0xffffffff, receiveMaximum } }
        : { protocolVersion: 4 }),
      reconnectPeriod: 1000,
    });
    if (typeof (client as unknown as Partial<PacketSender>)._sendPacket !== 'function')
      throw new Error('mqtt.js without _sendPacket: the bridge cannot acknowledge after the commit');
    const bridge = new MqttBridge(client, options, receiveMaximum);
    const subscriptions = bridge.subscriptions;
    // Set in the same tick as connect: a persistent session's messages arrive right after CONNACK.
    client.handleMessage = (packet, done) => bridge.onPublish(packet, done);
    client.on('packetsend', (packet) => {
      if (packet.cmd === 'pingreq') bridge.pubacks.pingSent();
    });
    client.on('packetreceive', (packet) => {
      if (packet.cmd === 'pingresp') bridge.pubacks.pingAnswered(bridge.connection);
    });
    client.on('connect', (connack) => {
      bridge.onConnect(connack.sessionPresent);
      options.log.info({ broker, sessionPresent: connack.sessionPresent }, 'mqtt bridge connected');
      client.subscribe(subscriptions, { qos: 1 }, (err) => {
        if (err) options.log.error({ err }, 'mqtt subscribe failed');
      });
      // A session kept from before sharing holds the plain subscriptions: each reading would come twice.
      if (connack.sessionPresent && options.shareGroup) client.unsubscribe(options.topics);
    });
    client.on('error', (err) => options.log.warn({ err, broker }, 'mqtt bridge error'));
    // A broker that is down must not stop the workers: keep reconnecting in the background.
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), options.connectTimeoutMs ?? 5_000);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (connected) {
      // The first SUBACK, so a caller can publish as soon as start() returns.
      await client.subscribeAsync(subscriptions, { qos: 1 });
    } else {
      options.log.warn({ broker }, 'MQTT broker not reachable yet; the bridge keeps trying');
    }
    return bridge;
  }

  /** The topic filters subscribed: shared ones with a group. */
  get subscriptions(): string[] {
    const group = this.options.shareGroup;
    return group ? this.options.topics.map((t) => `$share/${group}/${t}`) : this.options.topics;
  }

  private onConnect(sessionPresent: boolean): void {
    this.connection++;
    this.pubacks.reset();
    this.stats.connections++;
    // Unacknowledged QoS 1 messages of an earlier connection come again from the session: drop the
    // copies not yet being written. Without a session (the broker lost it) they are kept and stored.
    if (sessionPresent) {
      const keep = this.buffer.filter((m) => m.packetId === undefined || m.connection === this.connection);
      this.buffer.splice(0, this.buffer.length, ...keep);
      this.stats.pending = this.buffer.length;
    }
  }

  /** mqtt.js calls this for every PUBLISH; the PUBACK is not sent here (see LATER). */
  private onPublish(packet: IPublishPacket, done: (err?: Error) => void): void {
    if (this.closed) {
      // Not acknowledged: it stays at the broker for the next bridge.
      done(LATER);
      return;
    }
    this.stats.received++;
    this.lastReceivedAt = Date.now();
    this.buffer.push({
      topic: packet.topic,
      payload: Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload),
      receivedAt: new Date(),
      ...(packet.qos > 0 && packet.messageId !== undefined ? { packetId: packet.messageId } : {}),
      connection: this.connection,
      dup: packet.dup === true,
      attempts: 0,
    });
    this.stats.pending = this.buffer.length;
    this.kick();
    // Backpressure: with the buffer full, the next packet is not read until a batch has been taken.
    if (this.buffer.length >= this.maxBuffered) this.held = () => done(LATER);
    else done(LATER);
  }

  private resume(): void {
    if (this.held && this.buffer.length < this.maxBuffered) {
      const release = this.held;
      this.held = undefined;
      release();
    }
  }

  /** Starts a flush unless one runs; messages that arrive meanwhile form the next batch. */
  private kick(): void {
    if (this.flushing || this.retryTimer || this.buffer.length === 0) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
      if (!this.retryTimer && !this.closed) this.kick();
    });
  }

  private async flush(): Promise<void> {
    // Let a burst gather for one event-loop turn: fewer, larger batches.
    await new Promise((r) => setImmediate(r));
    const batch = this.buffer.splice(0, this.maxBatch);
    this.writing = batch.length;
    this.stats.pending = this.buffer.length + batch.length;
    this.resume();
    const committed = new Set<IncomingMessage>();
    for (const m of batch) m.redelivered = m.dup || m.attempts > 0 || m.connection !== this.connection;
    try {
      await this.options.ingest(batch, {
        attempt: this.attempts,
        onCommitted: (messages) => {
          for (const m of messages) committed.add(m);
          this.stats.stored += messages.length;
          this.pubacks.acknowledge(messages as Held[], this.connection);
        },
      });
      this.attempts = 0;
      this.stats.batches++;
    } catch (err) {
      const rest = batch.filter((m) => !committed.has(m));
      for (const m of rest) m.attempts++;
      this.attempts++;
      this.stats.failedBatches++;
      this.buffer.unshift(...rest);
      const delay = Math.min(500 * 2 ** (this.attempts - 1), 5_000);
      this.options.log.error(
        { err, messages: rest.length, attempt: this.attempts },
        `batch not stored (not acknowledged, kept); retrying in ${delay} ms`,
      );
      if (!this.closed) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.kick();
        }, delay);
      }
    } finally {
      this.writing = 0;
      this.stats.pending = this.buffer.length;
    }
  }

  /**
   * Stops receiving, stores what is buffered while the database takes it (within closeTimeoutMs),
   * acknowledges what committed and disconnects. Whatever did not commit was never acknowledged: it
   * stays at the broker (the session outlives the connection) for the next bridge.
   *
   * `leaveGroup` (a shared subscription whose other bridges still run): unsubscribe first, so the
   * broker stops handing this session a share, take what it had already sent, and end the session
   * once everything is stored; nothing is left in a session no process will read.
   */
  close(options: { leaveGroup?: boolean } = {}): Promise<void> {
    this.closing ??= this.shutdown(options.leaveGroup === true && this.options.shareGroup !== undefined);
    return this.closing;
  }

  /** Whether the MQTT connection is up. */
  get connected(): boolean {
    return this.client.connected;
  }

  private async shutdown(leaveGroup: boolean): Promise<void> {
    const deadline = Date.now() + (this.options.closeTimeoutMs ?? 10_000);
    if (leaveGroup && this.client.connected) await this.leave(deadline);
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    let failures = this.stats.failedBatches;
    while (Date.now() < deadline) {
      if (!this.flushing) {
        if (this.buffer.length === 0 || this.stats.failedBatches > failures || !this.client.connected) break;
        failures = this.stats.failedBatches;
        this.flushing = this.flush().finally(() => (this.flushing = undefined));
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.flushing,
        new Promise((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now())))),
      ]);
      clearTimeout(timer);
    }
    const left = this.buffer.length + this.writing;
    this.buffer.length = 0;
    this.stats.pending = 0;
    this.held?.();
    this.held = undefined;
    // The receipts of the PUBACKs the broker has confirmed (one PINGREQ round trip) can go.
    clearInterval(this.forgetTimer);
    const settleBy = Date.now() + 1_000;
    while (!this.pubacks.settle() && this.client.connected && Date.now() < settleBy)
      await new Promise((r) => setTimeout(r, 10));
    await this.pubacks.pending;
    await this.pubacks.forgetSettled(this.connection);
    // Left the group with everything stored: the session has nothing more to keep.
    if (leaveGroup && left === 0 && (this.options.protocolVersion ?? 5) === 5)
      await this.client.endAsync({ properties: { sessionExpiryInterval: 0 } });
    else await this.client.endAsync();
    if (left > 0)
      this.options.log.warn(
        { messages: left },
        'mqtt bridge closed: messages not stored are left at the broker',
      );
  }

  /** Unsubscribes from the group (bounded: an UNSUBACK may never come), then takes what it had sent till quiet. */
  private async leave(deadline: number): Promise<void> {
    const quietBy = Math.min(deadline, Date.now() + (this.options.closeTimeoutMs ?? 10_000) / 2);
    try {
      await withTimeout<void>(
        Math.max(0, quietBy - Date.now()),
        () => new Error('no UNSUBACK in time'),
        (done) => this.client.unsubscribe(this.subscriptions, (err) => done(err)),
      );
    } catch (err) {
      this.options.log.warn({ err }, 'mqtt bridge could not leave its shared subscription');
      return;
    }
    while (Date.now() < quietBy && Date.now() - this.lastReceivedAt < QUIET_MS && this.client.connected)
      await new Promise((r) => setTimeout(r, 25));
  }
}
