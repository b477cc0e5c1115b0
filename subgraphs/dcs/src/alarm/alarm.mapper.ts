import type { AlarmRow } from './alarm.repository.js';
import type { Alarm } from './alarm.type.js';

/** What the GraphQL `Alarm` is made of: a row, or an `alarmRaised` event read back. */
export type AlarmFields = Omit<AlarmRow, 'activeKey'>;

/** The one row → GraphQL mapping of an alarm, for the queries and the event path alike. */
export function toAlarm(row: AlarmFields): Alarm {
  return {
    id: row.id,
    rule: row.rule,
    deviceId: row.deviceId,
    severity: row.severity,
    message: row.message,
    active: row.clearedAt === null,
    raisedAt: row.raisedAt,
    clearedAt: row.clearedAt,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: row.acknowledgedBy ? { id: row.acknowledgedBy } : null,
  };
}
