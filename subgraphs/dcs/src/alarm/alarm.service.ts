import type { Logger } from '@opshub/config';
import { NotFoundError } from '@opshub/errors';
import type { EventBus, Outbox } from '@opshub/events';
import { alarmOfEvent, alarmRaisedOf, DCS_STREAMS, type AlarmRaisedEvent } from '../events.js';
import { toAlarm } from './alarm.mapper.js';
import type { AlarmRepository } from './alarm.repository.js';
import type { Alarm, AlarmSeverity } from './alarm.type.js';

export interface AlarmCondition {
  rule: string;
  deviceId: string | null;
  severity: AlarmSeverity;
  message: string;
}

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
    private readonly outbox: Outbox,
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
    const committed = await this.alarms.raise(
      { ...c, activeKey: key },
      DCS_STREAMS.alarmRaised,
      alarmRaisedOf,
    );
    keys.add(key);
    if (!committed) return null;
    await this.outbox.publishThrough(committed.outboxId, DCS_STREAMS.alarmRaised);
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
  async subscribe(filter: { deviceId?: string; after?: string } = {}): Promise<AsyncIterable<Alarm>> {
    const source = await this.events.subscribe<AlarmRaisedEvent>(
      DCS_STREAMS.alarmRaised,
      filter.after ? { after: filter.after } : {},
    );
    async function* alarms(): AsyncGenerator<Alarm> {
      for await (const e of source) {
        const alarm = alarmOfEvent(e);
        if (!filter.deviceId || alarm.deviceId === filter.deviceId) yield alarm;
      }
    }
    return alarms();
  }
}
