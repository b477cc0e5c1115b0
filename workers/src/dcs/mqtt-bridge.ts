import type { Logger } from '@opshub/config';
import type { IncomingMessage } from '@opshub/dcs';
import mqtt, { type MqttClient } from 'mqtt';
import { loginOptions, type MqttLogin } from './mqtt-login.js';

export interface MqttBridgeOptions {
  url: string;
  /** Topic root ('' = bare topics). */
  root: string;
  topics: string[];
  /** Stable client id: the broker keeps this session's subscriptions and queued messages. */
  clientId: string;
  /** The bridge's own MQTT identity (read-only on the status topics; issue 7, C1). */
  login?: MqttLogin;
  /** Stores one batch; throws to have it retried. */
  ingest(batch: IncomingMessage[]): Promise<unknown>;
  /**
   * Called instead of `ingest` once a batch has failed 3 times: stores what it can message by
   * message and dead-letters the rest, so one poisoned message cannot stall the bridge. Throws
   * (the database is down) to keep the batch for later.
   */
  quarantine?(batch: IncomingMessage[], error: unknown): Promise<unknown>;
  log: Logger;
  /** Most messages per batch (default 5,000). */
  maxBatch?: number;
  /** How long start() waits for the broker before returning anyway (default 5,000 ms). */
  connectTimeoutMs?: number;
}

export interface BridgeStats {
  received: number;
  stored: number;
  batches: number;
  failedBatches: number;
  pending: number;
}

/**
 * The long-lived MQTT → Postgres bridge: QoS 1 subscriptions on a persistent session (messages
 * that arrive while the workers are down wait at the broker), buffered and written in batches.
 * A batch that fails (database down) is kept and retried, never dropped.
 */
export class MqttBridge {
  private readonly buffer: IncomingMessage[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Failed attempts of the batch at the head of the buffer. */
  private attempts = 0;
  private lastError: unknown;
  readonly stats: BridgeStats = { received: 0, stored: 0, batches: 0, failedBatches: 0, pending: 0 };

  private constructor(
    private readonly client: MqttClient,
    private readonly options: MqttBridgeOptions,
  ) {}

  static async start(options: MqttBridgeOptions): Promise<MqttBridge> {
    const client = mqtt.connect(options.url, {
      ...loginOptions(options.login),
      clientId: options.clientId,
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 1000,
    });
    const bridge = new MqttBridge(client, options);
    // Attached in the same tick as connect: a persistent session's queued messages arrive right after CONNACK.
    client.on('message', (topic, payload) => bridge.onMessage(topic, payload));
    client.on('connect', (connack) => {
      options.log.info({ url: options.url, sessionPresent: connack.sessionPresent }, 'mqtt bridge connected');
      client.subscribe(options.topics, { qos: 1 }, (err) => {
        if (err) options.log.error({ err }, 'mqtt subscribe failed');
      });
    });
    client.on('error', (err) => options.log.warn({ err }, 'mqtt bridge error'));
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
      await client.subscribeAsync(options.topics, { qos: 1 });
    } else {
      options.log.warn({ url: options.url }, 'MQTT broker not reachable yet; the bridge keeps trying');
    }
    return bridge;
  }

  private onMessage(topic: string, payload: Buffer): void {
    this.stats.received++;
    this.buffer.push({ topic, payload, receivedAt: new Date() });
    this.stats.pending = this.buffer.length;
    this.kick();
  }

  /** Starts a flush unless one runs; messages that arrive meanwhile form the next batch. */
  private kick(): void {
    if (this.flushing || this.retryTimer || this.buffer.length === 0) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
      if (!this.retryTimer) this.kick();
    });
  }

  private async flush(): Promise<void> {
    // Let a burst gather for one event-loop turn: fewer, larger batches.
    await new Promise((r) => setImmediate(r));
    const batch = this.buffer.splice(0, this.options.maxBatch ?? 5000);
    try {
      if (this.attempts >= 3 && this.options.quarantine) await this.options.quarantine(batch, this.lastError);
      else await this.options.ingest(batch);
      this.attempts = 0;
      this.stats.stored += batch.length;
      this.stats.batches++;
    } catch (err) {
      this.attempts++;
      this.lastError = err;
      this.stats.failedBatches++;
      this.buffer.unshift(...batch);
      this.options.log.error({ err, messages: batch.length }, 'batch not stored; retrying in 1 s');
      if (!this.closed) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.kick();
        }, 1000);
      }
    } finally {
      this.stats.pending = this.buffer.length;
    }
  }

  /** Publishes a command, `topic` relative to the root (QoS 1). */
  async publish(topic: string, payload: string): Promise<void> {
    if (!this.client.connected) throw new Error('the MQTT broker is not connected');
    const full = this.options.root ? `${this.options.root}/${topic}` : topic;
    await this.client.publishAsync(full, payload, { qos: 1 });
  }

  /** Stops receiving, stores what is buffered, disconnects (the session stays at the broker). */
  async close(): Promise<void> {
    this.closed = true;
    await this.client.endAsync();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    while (this.flushing || this.buffer.length > 0) {
      if (this.flushing) await this.flushing;
      else {
        const before = this.buffer.length;
        await this.flush();
        if (this.buffer.length >= before) break;
      }
    }
  }
}
