import type { Logger } from '@opshub/config';
import type { IncomingMessage } from '@opshub/dcs';
import type { MqttClient } from 'mqtt';
import type { BridgeStats, Held } from './mqtt-bridge.options.js';

export interface PacketSender {
  _sendPacket(
    packet: { cmd: 'puback'; messageId: number; reasonCode: number } | { cmd: 'pingreq' },
    cb?: (err?: Error) => void,
  ): void;
}

/**
 * The bridge's PUBACKs, sent once a batch has committed, and the receipts they make obsolete: the
 * broker handles a connection's packets in order, so a PUBACK is through once a PINGREQ sent after it
 * is answered; only then may the message's receipt (`dcs.mqtt_receipt`) go.
 */
export class PubackLedger {
  private acked: { message: Held; connection: number; ping: number }[] = [];
  private pingsSent = 0;
  private pingsAnswered = 0;
  private forgetting: Promise<unknown> | undefined;

  constructor(
    private readonly client: MqttClient,
    private readonly stats: BridgeStats,
    private readonly log: Logger,
    private readonly forget: ((messages: IncomingMessage[]) => Promise<unknown>) | undefined,
  ) {}

  /** A new connection: PUBACKs of the old one may not have arrived, so their receipts stay. */
  reset(): void {
    this.acked = [];
    this.pingsSent = 0;
    this.pingsAnswered = 0;
  }

  pingSent(): void {
    this.pingsSent++;
  }

  pingAnswered(connection: number): void {
    this.pingsAnswered++;
    void this.forgetSettled(connection);
  }

  /** PUBACKs for committed messages that came on the current connection (others come again). */
  acknowledge(messages: readonly Held[], connection: number): void {
    const sender = this.client as unknown as PacketSender;
    // One write for the whole batch's PUBACKs, not one per message.
    const stream = this.client.stream as { cork?: () => void; uncork?: () => void } | undefined;
    stream?.cork?.();
    try {
      for (const m of messages) {
        if (m.packetId === undefined || m.connection !== connection || !this.client.connected) continue;
        sender._sendPacket({ cmd: 'puback', messageId: m.packetId, reasonCode: 0 });
        this.stats.acked++;
        this.acked.push({ message: m, connection: m.connection, ping: this.pingsSent + 1 });
      }
    } finally {
      stream?.uncork?.();
    }
  }

  /** Sends a PINGREQ when PUBACKs wait for one; true once none waits. */
  settle(): boolean {
    const last = this.acked.at(-1);
    if (!last) return true;
    if (last.ping > this.pingsSent && this.client.connected)
      (this.client as unknown as PacketSender)._sendPacket({ cmd: 'pingreq' });
    return false;
  }

  /**
   * Deletes the receipts of PUBACKs that have settled. After a reconnect the receipts of the older
   * connections stay: the broker may deliver those messages again.
   */
  forgetSettled(connection: number): Promise<unknown> | undefined {
    if (this.forgetting || this.acked.length === 0) return this.forgetting;
    const ready: Held[] = [];
    const later: typeof this.acked = [];
    for (const a of this.acked) {
      if (a.connection !== connection) continue;
      if (a.ping <= this.pingsAnswered) ready.push(a.message);
      else later.push(a);
    }
    this.acked = later;
    if (ready.length === 0 || !this.forget) return undefined;
    this.forgetting = this.forget(ready)
      .catch((err: unknown) => this.log.warn({ err, receipts: ready.length }, 'receipts not deleted'))
      .finally(() => (this.forgetting = undefined));
    return this.forgetting;
  }

  /** The receipt deletion under way, if any. */
  get pending(): Promise<unknown> | undefined {
    return this.forgetting;
  }
}
