import type { Logger } from '@opshub/config';
import { BadUserInputError } from '@opshub/errors';
import type { EventBus } from '@opshub/events';
import type pg from 'pg';
import { forgetReceipts, type Receipt } from '../ingest/mqtt-receipts.js';
import { DCS_STREAMS, type ReadingsAddedEvent } from '../events.js';
import type { ConditionRow, ReadingRepository, ReadingRow, SeriesRow } from './reading.repository.js';
import type { Reading } from './reading.type.js';

/** What a live reading subscriber asks for: one device, one metric, resuming after an eventId. */
export interface ReadingFilter {
  deviceId?: string;
  metric?: string;
  after?: string;
}

/** Readings per event: a batch of 5,000 goes out as 10 events, never as 5,000. */
const EVENT_CHUNK = 500;
/** At most this many buckets per series request. */
const MAX_BUCKETS = 20_000;
/** The longest range whose conditions are summarised at once (a DQM run lasts minutes to hours). */
const MAX_CONDITIONS_DAYS = 31;
/** At most this many raw readings for one run's conditions (a 25-minute run at 1 Hz has a few thousand). */
const MAX_CONDITION_READINGS = 100_000;

export class ReadingService {
  constructor(
    private readonly readings: ReadingRepository,
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {}

  /** Stores a batch, then announces it (per batch, in chunks). Returns how many were stored. */
  async ingest(rows: readonly ReadingRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    await this.readings.insert(rows);
    await this.announce(rows);
    return rows.length;
  }

  /** One transaction on one bulk connection (readings, dead letters and receipts of a batch). */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.readings.transaction(work);
  }

  /** Deletes MQTT receipts whose PUBACK went through (outside any batch transaction). */
  forgetReceipts(clientId: string, receipts: readonly Receipt[]): Promise<number> {
    return forgetReceipts(this.readings.sql, clientId, receipts);
  }

  /** Tells the live feed about stored readings; never throws (the rows are stored already). */
  async announce(rows: readonly ReadingRow[]): Promise<void> {
    try {
      for (let i = 0; i < rows.length; i += EVENT_CHUNK) {
        const event: ReadingsAddedEvent = {
          readings: rows
            .slice(i, i + EVENT_CHUNK)
            .map((r) => ({ deviceId: r.deviceId, metric: r.metric, value: r.value, at: r.at.toISOString() })),
        };
        await this.events.publish(DCS_STREAMS.readingsAdded, 'readings', event);
      }
    } catch (err) {
      // The rows are stored; only the live feed misses them.
      this.log.warn({ err, readings: rows.length }, 'readingAdded not published');
    }
  }

  async latestOf(deviceIds: readonly string[]): Promise<Map<string, Reading[]>> {
    const out = new Map<string, Reading[]>(deviceIds.map((id) => [id, []]));
    for (const r of await this.readings.latestOf(deviceIds)) out.get(r.deviceId)?.push(r);
    return out;
  }

  /** The newest value of every (device, metric): what interlocks and alarm rules look at. */
  async latestAll(): Promise<ReadingRow[]> {
    return this.readings.all();
  }

  async series(
    deviceId: string,
    metric: string,
    from: Date,
    to: Date,
    bucketSeconds?: number | null,
  ): Promise<SeriesRow[]> {
    if (!(from < to)) throw new BadUserInputError('from must be before to', { argument: 'from' });
    const span = (to.getTime() - from.getTime()) / 1000;
    // Default: about 500 buckets over the range, at least one second each.
    const bucket = bucketSeconds ?? Math.max(1, Math.ceil(span / 500));
    if (!Number.isInteger(bucket) || bucket < 1)
      throw new BadUserInputError('bucketSeconds must be a positive integer', { argument: 'bucketSeconds' });
    if (span / bucket > MAX_BUCKETS) {
      throw new BadUserInputError(`At most ${MAX_BUCKETS} buckets: widen bucketSeconds`, {
        argument: 'bucketSeconds',
      });
    }
    return this.readings.series(deviceId, metric, from, to, bucket);
  }

  /**
   * The readings of devices of `kinds` (and `metrics`, if given) taken from `from` to `to`, oldest
   * first; more than MAX_CONDITION_READINGS is refused (the summaries and their series cover any range).
   */
  async readingsBetween(
    from: Date,
    to: Date,
    kinds: readonly string[],
    metrics: readonly string[] | null,
  ): Promise<Reading[]> {
    if (!this.validRange(from, to)) return [];
    const rows = await this.readings.readingsBetween(from, to, kinds, metrics, MAX_CONDITION_READINGS + 1);
    if (rows.length > MAX_CONDITION_READINGS)
      throw new BadUserInputError(
        `More than ${MAX_CONDITION_READINGS} readings in the run: ask for fewer kinds or metrics, or use conditionSummaries and their series`,
      );
    return rows;
  }

  /** False for an empty range; refuses an invalid or too long one. */
  private validRange(from: Date, to: Date): boolean {
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
      throw new BadUserInputError('The run has no valid start or end time');
    if (!(from < to)) return false;
    if (to.getTime() - from.getTime() > MAX_CONDITIONS_DAYS * 86_400_000)
      throw new BadUserInputError(`Conditions cover at most ${MAX_CONDITIONS_DAYS} days`);
    return true;
  }

  /**
   * Each (device, metric) of devices of `kinds` summarised from `from` to `to`, with the range kept
   * for the series (`RunCondition.series`).
   */
  async conditions(
    from: Date,
    to: Date,
    kinds: readonly string[],
  ): Promise<(ConditionRow & { from: Date; to: Date })[]> {
    if (!this.validRange(from, to)) return [];
    const rows = await this.readings.conditions(from, to, kinds);
    return rows.map((r) => ({ ...r, from, to }));
  }

  /**
   * Live readings, one array per stored batch (one stream entry, at most 500 rows), with only the rows
   * the filter keeps; a batch it empties is skipped. With `after` (an eventId), the batches after it
   * first. Each reading carries its batch's eventId.
   */
  async subscribeBatches(filter: ReadingFilter): Promise<AsyncIterable<Reading[]>> {
    const source = await this.events.subscribe<ReadingsAddedEvent>(
      DCS_STREAMS.readingsAdded,
      filter.after ? { after: filter.after } : {},
    );
    async function* batches(): AsyncGenerator<Reading[]> {
      for await (const e of source) {
        const rows = e.payload.readings
          .filter(
            (r) =>
              (!filter.deviceId || r.deviceId === filter.deviceId) &&
              (!filter.metric || r.metric === filter.metric),
          )
          .map((r) => ({
            deviceId: r.deviceId,
            metric: r.metric,
            value: r.value,
            at: new Date(r.at),
            eventId: e.id,
          }));
        if (rows.length > 0) yield rows;
      }
    }
    return batches();
  }

  /** Live readings one by one (`subscribeBatches`, flattened). */
  async subscribe(filter: ReadingFilter): Promise<AsyncIterable<Reading>> {
    const batches = await this.subscribeBatches(filter);
    async function* readings(): AsyncGenerator<Reading> {
      for await (const batch of batches) yield* batch;
    }
    return readings();
  }
}
