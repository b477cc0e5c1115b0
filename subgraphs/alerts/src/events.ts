import type { DomainEvent } from '@opshub/events';

/**
 * The alerts domain's event streams and payloads: the one place an alerts event is declared.
 * - alertIngested: best-effort, published after the alert's batch is committed, as dcs readings
 *   are. The alert is stored first and stays readable (`alert(id)`, `diaObjects`, `lightCurve`), so
 *   a lost event only means a live feed misses it; an outbox row per alert would double the writes
 *   of the busiest path (ELAsTiCC: millions of alerts a night) for a feed that is re-read anyway.
 */
export const ALERTS_STREAMS = {
  /** One event per newly stored alert (never for an alert imported again). Best-effort. */
  alertIngested: 'alerts.alert-ingested',
  /**
   * One event per batch of broker messages stored (their new classifications), through the alerts
   * outbox: committed with the messages, so a feed never misses a stored classification.
   */
  classificationAdded: 'alerts.classification-added',
  /**
   * A submitted SQL run changed state (RUNNING, SUCCEEDED, FAILED). Best-effort: the run's row is
   * the truth (`sqlRuns`), the event only spares its owner from polling.
   */
  sqlRunUpdated: 'alerts.sql-run-updated',
} as const;

/** Payload of `alerts.alert-ingested`: the alert and its triggering detection (ids as decimal strings). */
export interface AlertIngestedEvent {
  alertId: string;
  diaObjectId: string;
  diaSourceId: string;
  midPointTai: number;
  filterName: string;
  ra: number;
  decl: number;
  psFlux: number;
  psFluxErr: number;
  snr: number;
}

export type AlertIngested = DomainEvent<AlertIngestedEvent>;

/** One stored broker message in `alerts.classification-added` (ids as decimal strings). */
export interface ClassificationMessageEvent {
  brokerMessageId: string;
  classifierId: string;
  alertId: string;
  diaSourceId: string;
  /** Null when the hub does not know the alert yet (a broker may classify before the alert arrives). */
  diaObjectId: string | null;
  classIds: number[];
  probabilities: number[];
  /** elasticcPublishTimestamp, ISO 8601. */
  at: string;
}

/** Payload of `alerts.classification-added`: the messages of one stored batch. */
export interface ClassificationAddedEvent {
  messages: ClassificationMessageEvent[];
}

/** Payload of `alerts.sql-run-updated`: which run, whose, and its new state. */
export interface SqlRunUpdatedEvent {
  runId: string;
  userId: string;
  state: string;
}
