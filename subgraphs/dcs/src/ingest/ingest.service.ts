import type { Logger } from '@opshub/config';
import { insertDeadLetters, type NewDeadLetter } from '../dead-letter/dead-letter.repository.js';
import { deadLetterOf, payloadText } from '../dead-letter/dead-letter.service.js';
import type { DeviceReportService } from '../device/device-report.service.js';
import type { DeviceReport, DeviceService } from '../device/device.service.js';
import type { Device } from '../device/device.type.js';
import { copyReadings, type ReadingRow } from '../reading/reading.repository.js';
import type { ReadingService } from '../reading/reading.service.js';
import { messageDigest, receiptsOf, recordReceipts } from './mqtt-receipts.js';
import { isDataError, isInfrastructureError } from './sql-errors.js';
import { MalformedMessage, parseStandMessage, UnknownDeviceError } from './stand-topics.js';

export interface IncomingMessage {
  topic: string;
  payload: Buffer;
  receivedAt: Date;
  /** A QoS 1 delivery's MQTT packet id: with the bridge's client id, the key of its receipt. */
  packetId?: number;
  /**
   * The message may have been seen before: the broker's DUP flag, a retry of a batch whose commit
   * may have gone through, a delivery of an earlier connection. Checked against the receipts.
   */
  redelivered?: boolean;
}

export interface IngestOptions {
  /** The bridge's MQTT client id: with it, a QoS 1 message is stored once whatever is retried. */
  clientId?: string;
  /** Called as soon as a transaction has committed, with its messages: acknowledge them now. */
  onCommitted?(messages: readonly IncomingMessage[]): void;
  /**
   * Bisect on any error the database raised about this batch, not only on an error of the data (for a
   * batch that failed several times); never when the database is unavailable.
   */
  bisectAnyError?: boolean;
}

export interface IngestResult {
  /** Readings stored. */
  stored: number;
  deadLettered: number;
  /** Messages already stored by an earlier delivery or attempt (acknowledged again, not stored). */
  duplicates: number;
  transactions: number;
}

/** One message, parsed: readings and device reports, or a dead letter. */
interface Item {
  message: IncomingMessage;
  digest: string;
  readings: ReadingRow[];
  reports: DeviceReport[];
  letter?: NewDeadLetter;
}

const DEVICE_CACHE_MS = 10_000;

/**
 * One batch of MQTT messages → readings (COPY), dead letters and receipts in ONE transaction, then
 * (after the commit, idempotent, never failing the batch) the live feed, device states and alarm rules.
 * A message that cannot be used becomes a dead letter with its reason and never fails its batch; a
 * batch the database still refuses is bisected until the message at fault is found and dead-lettered.
 */
export class IngestService {
  private devices: { list: Device[]; ids: Set<string>; at: number } | undefined;

  constructor(
    private readonly deviceService: DeviceService,
    private readonly readings: ReadingService,
    private readonly reports: DeviceReportService,
    private readonly log: Logger,
  ) {}

  private async knownDevices(force = false): Promise<{ list: Device[]; ids: Set<string> }> {
    if (force || !this.devices || Date.now() - this.devices.at > DEVICE_CACHE_MS) {
      const list = await this.deviceService.list();
      this.devices = { list, ids: new Set(list.map((d) => d.id)), at: Date.now() };
    }
    return this.devices;
  }

  /**
   * Stores a batch. Throws (nothing of the failing part committed, `onCommitted` told what was)
   * when the database is unavailable: the caller retries what was not committed.
   */
  async ingest(
    root: string,
    messages: readonly IncomingMessage[],
    options: IngestOptions = {},
  ): Promise<IngestResult> {
    const items = await this.parse(root, messages, options.clientId !== undefined);
    const result: IngestResult = { stored: 0, deadLettered: 0, duplicates: 0, transactions: 0 };
    if (items.length > 0) await this.commit(items, options, result);
    return result;
  }

  /** Deletes receipts of messages whose PUBACK has gone through. */
  async forget(clientId: string, messages: readonly IncomingMessage[]): Promise<number> {
    const receipts = messages
      .filter((m) => m.packetId !== undefined)
      .map((m) => ({ packetId: m.packetId!, digest: messageDigest(m.topic, m.payload) }));
    return this.readings.forgetReceipts(clientId, receipts);
  }

  private async parse(root: string, messages: readonly IncomingMessage[], digests: boolean): Promise<Item[]> {
    let known = await this.knownDevices();
    let refreshed = false;
    const items: Item[] = [];
    for (const m of messages) {
      const digest = digests && m.packetId !== undefined ? messageDigest(m.topic, m.payload) : '';
      const text = payloadText(m.payload);
      try {
        let parsed;
        try {
          parsed = parseStandMessage(root, m.topic, text, m.receivedAt, (id) => known.ids.has(id));
        } catch (error) {
          // A device registered since the cache was filled: look once more before dead-lettering.
          if (!(error instanceof UnknownDeviceError) || refreshed) throw error;
          refreshed = true;
          known = await this.knownDevices(true);
          parsed = parseStandMessage(root, m.topic, text, m.receivedAt, (id) => known.ids.has(id));
        }
        items.push({ message: m, digest, readings: parsed.readings, reports: parsed.reports });
      } catch (error) {
        const reason =
          error instanceof MalformedMessage
            ? error.message
            : `could not be parsed: ${(error as Error).message}`;
        items.push({
          message: m,
          digest,
          readings: [],
          reports: [],
          letter: deadLetterOf(m.topic, m.payload, reason, m.receivedAt),
        });
      }
    }
    return items;
  }

  /** Commits `items` in one transaction, or bisects when the database refuses a row of them. */
  private async commit(items: Item[], options: IngestOptions, result: IngestResult): Promise<void> {
    try {
      await this.commitOnce(items, options, result);
    } catch (error) {
      if (!isDataError(error) && !(options.bisectAnyError && !isInfrastructureError(error))) throw error;
      if (items.length === 1) {
        const { message: m } = items[0]!;
        const reason = `not stored: ${(error as Error).message}`;
        this.log.warn({ topic: m.topic, bytes: m.payload.length, reason }, 'message refused by the database');
        await this.commitOnce(
          [
            {
              ...items[0]!,
              readings: [],
              reports: [],
              letter: deadLetterOf(m.topic, m.payload, reason, m.receivedAt),
            },
          ],
          options,
          result,
        );
        return;
      }
      this.log.warn({ err: error, messages: items.length }, 'batch refused by the database: bisecting');
      const half = Math.ceil(items.length / 2);
      await this.commit(items.slice(0, half), options, result);
      await this.commit(items.slice(half), options, result);
    }
  }

  private async commitOnce(
    items: readonly Item[],
    options: IngestOptions,
    result: IngestResult,
  ): Promise<void> {
    const { clientId } = options;
    const { fresh, duplicates } = await this.readings.transaction(async (client) => {
      let fresh: readonly Item[] = items;
      let duplicates = 0;
      if (clientId !== undefined) {
        // Only a message that may have been delivered or attempted before can already have a receipt
        // of its own; a first delivery with the same packet id is a new message (the broker reused the id).
        const maybeSeen = items.filter((i) => i.message.packetId !== undefined && i.message.redelivered);
        if (maybeSeen.length > 0) {
          const receipts = await receiptsOf(
            client,
            clientId,
            maybeSeen.map((i) => i.message.packetId!),
          );
          fresh = items.filter(
            (i) =>
              !(
                i.message.redelivered &&
                i.message.packetId !== undefined &&
                receipts.get(i.message.packetId) === i.digest
              ),
          );
          duplicates = items.length - fresh.length;
        }
      }
      await copyReadings(
        client,
        fresh.flatMap((i) => i.readings),
      );
      await insertDeadLetters(
        client,
        fresh.flatMap((i) => (i.letter ? [i.letter] : [])),
      );
      if (clientId !== undefined) {
        await recordReceipts(
          client,
          clientId,
          fresh
            .filter((i) => i.message.packetId !== undefined)
            .map((i) => ({ packetId: i.message.packetId!, digest: i.digest })),
        );
      }
      return { fresh, duplicates };
    });
    result.transactions++;
    result.duplicates += duplicates;
    const letters = fresh.flatMap((i) => (i.letter ? [i.letter] : []));
    const readings = fresh.flatMap((i) => i.readings);
    result.stored += readings.length;
    result.deadLettered += letters.length;
    options.onCommitted?.(items.map((i) => i.message));
    if (letters.length > 0) {
      // Never the payload itself in a log line: topic, reason and size.
      const first = letters[0]!;
      this.log.warn(
        {
          count: letters.length,
          first: { topic: first.topic, reason: first.reason, bytes: first.payloadBytes },
        },
        'messages dead-lettered',
      );
    }
    await this.afterCommit(fresh, readings);
  }

  /**
   * The live feed, device states and alarm rules of committed items. Idempotent, and it never throws:
   * the readings are stored, so a failure here must not have the batch retried (and stored twice).
   */
  private async afterCommit(items: readonly Item[], readings: readonly ReadingRow[]): Promise<void> {
    try {
      await this.readings.announce(readings);
      const reports = new Map<string, DeviceReport>();
      for (const item of items) {
        for (const r of item.reports) {
          const seen = reports.get(r.id);
          reports.set(r.id, {
            ...seen,
            ...r,
            ...(seen?.seenAt && r.seenAt && seen.seenAt > r.seenAt ? { seenAt: seen.seenAt } : {}),
          });
        }
      }
      if (readings.length === 0 && reports.size === 0) return;
      const known = await this.knownDevices();
      // Alarm rules look at the newest value of each (device, metric) in this batch.
      const newest = new Map<string, ReadingRow>();
      for (const r of readings) newest.set(`${r.deviceId}\u0000${r.metric}`, r);
      const changed = await this.reports.settle(
        { reports: [...reports.values()], readings: [...newest.values()] },
        known.list,
      );
      // The cache keeps the states just written (it may predate this batch).
      for (const c of changed) Object.assign(known.list.find((d) => d.id === c.id) ?? {}, c);
    } catch (err) {
      this.log.error(
        { err, readings: readings.length },
        'device states or alarm rules not updated after a commit (the readings are stored)',
      );
    }
  }
}
