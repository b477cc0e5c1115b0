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
