import type { Logger } from '@opshub/config';
import { NotFoundError } from '@opshub/errors';
import type { EventBus } from '@opshub/events';
import { DCS_STREAMS, type AlarmRaisedEvent } from '../streams.js';
import type { AlarmRepository, AlarmRow, OutboxRow } from './alarm.repository.js';
import { AlarmSeverity, type Alarm } from './alarm.type.js';

export function toAlarm(row: AlarmRow): Alarm {
  return {
    id: row.id,
    rule: row.rule,
    deviceId: row.deviceId,
    severity: row.severity as AlarmSeverity,
    message: row.message,
    active: row.clearedAt === null,
    raisedAt: row.raisedAt,
    clearedAt: row.clearedAt,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: row.acknowledgedBy ? { id: row.acknowledgedBy } : null,
  };
}

export interface AlarmCondition {
  rule: string;
  deviceId: string | null;
  severity: AlarmSeverity;
  message: string;
}

/** Older unpublished rows the write path publishes before its own; beyond that the relay catches up. */
const WRITE_PATH_CATCH_UP = 100;

const keyOf = (rule: string, deviceId: string | null): string => `${rule}|${deviceId ?? ''}`;

/**
 * Raises, clears and acknowledges alarms. A condition that persists raises one alarm, not one per
 * reading (the active key is unique); `alarmRaised` goes out through the dcs outbox so a Redis
 * outage delays it instead of losing it.
 */
export class AlarmService {
  /** Active keys as this process last saw them: evaluators write only on a change. */
  private active: Promise<Set<string>> | undefined;

  constructor(
    private readonly alarms: AlarmRepository,
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {}

  private activeKeys(): Promise<Set<string>> {
    this.active ??= this.alarms.activeKeys().then((rows) => new Set(rows.map((r) => r.activeKey!)));
    return this.active;
  }

  /** Raises the alarm unless it is already active; returns it when newly raised. */
  async raise(c: AlarmCondition): Promise<Alarm | null> {
    const key = keyOf(c.rule, c.deviceId);
    const keys = await this.activeKeys();
    if (keys.has(key)) return null;
    const committed = await this.alarms.raise({ ...c, activeKey: key }, DCS_STREAMS.alarmRaised, (row) =>
      eventOf(row),
    );
    keys.add(key);
    if (!committed) return null;
    await this.publish(committed.outboxId, DCS_STREAMS.alarmRaised);
    this.log.warn({ rule: c.rule, device: c.deviceId, severity: c.severity }, c.message);
    return toAlarm(committed.alarm);
  }

  async clear(rule: string, deviceId: string | null): Promise<boolean> {
    const key = keyOf(rule, deviceId);
    const keys = await this.activeKeys();
    if (!keys.has(key)) return false;
    keys.delete(key);
    return (await this.alarms.clear(key, new Date())) > 0;
  }

  /** Raises or clears, whichever the condition says. */
  async sync(c: AlarmCondition, active: boolean): Promise<void> {
    if (active) await this.raise(c);
    else await this.clear(c.rule, c.deviceId);
  }

  async acknowledge(id: string, userId: string | null): Promise<Alarm> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('Alarm', id);
    const row = await this.alarms.acknowledge(id, userId, new Date());
    if (!row) throw new NotFoundError('Alarm', id);
    return toAlarm(row);
  }

  async list(active?: boolean | null): Promise<Alarm[]> {
    return (await this.alarms.list(active ?? undefined, 500)).map(toAlarm);
  }

  /** Raised alarms as they are published; with `after` (an eventId), the missed ones first. */
  async subscribe(after?: string): Promise<AsyncIterable<Alarm>> {
    const source = await this.events.subscribe<AlarmRaisedEvent>(
      DCS_STREAMS.alarmRaised,
      after ? { after } : {},
    );
    async function* alarms(): AsyncGenerator<Alarm> {
      for await (const e of source) {
        const a = e.payload;
        yield {
          id: a.id,
          rule: a.rule,
          deviceId: a.deviceId,
          severity: a.severity as AlarmSeverity,
          message: a.message,
          active: true,
          raisedAt: new Date(a.raisedAt),
          clearedAt: null,
          acknowledgedAt: null,
          acknowledgedBy: null,
          eventId: e.id,
        };
      }
    }
    return alarms();
  }

  private readonly publishRow = (row: OutboxRow): Promise<string> =>
    this.events.publish(row.stream, 'alarm', row.payload, { outboxId: row.id });

  /**
   * Publishes the alarm's event (and older unpublished dcs events first) right after the commit.
   * Delivery is at-least-once: a row is published only while locked, so the write path and the
   * relay never both publish it, but a crash between the XADD and the mark publishes it again;
   * each event carries its outbox id (and the alarm id) for consumers to dedupe.
   */
  private async publish(outboxId: bigint, stream: string): Promise<void> {
    try {
      await this.alarms.publishThrough(outboxId, stream, WRITE_PATH_CATCH_UP, this.publishRow);
    } catch (err) {
      this.log.warn(
        { err, outboxId: String(outboxId) },
        'alarm event not published yet; the outbox relay will retry',
      );
    }
  }

  /** Republishes events the write path could not publish (a scheduled job). Returns how many. */
  async relay(olderThanMs: number): Promise<number> {
    let relayed = 0;
    for (;;) {
      const batch = await this.alarms.relayBatch(new Date(Date.now() - olderThanMs), 200, this.publishRow);
      relayed += batch.published;
      if (batch.failed !== undefined) throw batch.failed;
      if (!batch.full) return relayed;
    }
  }
}

function eventOf(row: AlarmRow): AlarmRaisedEvent {
  return {
    id: row.id,
    rule: row.rule,
    deviceId: row.deviceId,
    severity: row.severity,
    message: row.message,
    raisedAt: row.raisedAt.toISOString(),
  };
}
