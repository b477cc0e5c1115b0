import type { Logger } from '@opshub/config';
import type { IncomingMessage } from '@opshub/dcs';
import type { MqttLogin } from './mqtt-login.js';

export interface IngestContext {
  /** Failed attempts in a row so far (a caller may bisect on any error from the 3rd on). */
  attempt: number;
  /** Tells the bridge that these messages have committed: they are acknowledged at once. */
  onCommitted(messages: readonly IncomingMessage[]): void;
}

export interface MqttBridgeOptions {
  url: string;
  /** Topic root ('' = bare topics). */
  root: string;
  topics: string[];
  /** Stable client id: the broker keeps this session's subscriptions and unacknowledged messages. */
  clientId: string;
  /**
   * MQTT 5 shared-subscription group: the topics are subscribed as `$share/<group>/<topic>`, so the
   * bridges of every workers process split the messages between them (none: plain subscriptions).
   */
  shareGroup?: string;
  /** The bridge's own MQTT identity (read-only on the status topics; issue 7, C1). */
  login?: MqttLogin;
  /**
   * Stores one batch: resolves once all of it has committed, or throws to have what did not commit
   * retried (`context.onCommitted` tells what did). Nothing is acknowledged to the broker before that.
   */
  ingest(batch: IncomingMessage[], context: IngestContext): Promise<unknown>;
  /** Deletes the receipts of messages whose PUBACK has gone through (see `dcs.mqtt_receipt`). */
  forget?(messages: IncomingMessage[]): Promise<unknown>;
  log: Logger;
  /** Most messages per batch (default 5,000). */
  maxBatch?: number;
  /**
   * Most unacknowledged QoS 1 messages the broker may have sent us (MQTT 5 Receive Maximum, default
   * 10,000): what the broker holds back while a batch is being written.
   */
  receiveMaximum?: number;
  /** Most messages held in memory; past it the bridge stops reading the socket (default 2 × receiveMaximum). */
  maxBuffered?: number;
  /** How long start() waits for the broker before returning anyway (default 5,000 ms). */
  connectTimeoutMs?: number;
  /**
   * MQTT 5 (default) or 3.1.1 for brokers without 5 (aedes). With 3.1.1 there is no Receive Maximum:
   * the broker's own in-flight limit and `maxBuffered` (the bridge stops reading) bound the backlog.
   */
  protocolVersion?: 4 | 5;
  /** How long close() waits for a batch being written (default 10,000 ms). */
  closeTimeoutMs?: number;
}

export interface BridgeStats {
  received: number;
  /** Messages whose batch has committed (readings, dead letters and duplicates alike). */
  stored: number;
  /** PUBACKs sent. */
  acked: number;
  batches: number;
  failedBatches: number;
  /** Messages held in memory, not yet committed. */
  pending: number;
  connections: number;
}

/** A message in memory, with what its acknowledgement needs. */
export interface Held extends IncomingMessage {
  /** The connection it came on: a PUBACK can only go back on that one. */
  connection: number;
  dup: boolean;
  attempts: number;
}
