import { BadUserInputError } from '@opshub/errors';
import { isStreamId, type EventBus } from '@opshub/events';
import { parseObjectId } from '../dia-object/dia-object.service.js';
import { angularDistanceDeg, MAX_RADIUS_ARCSEC } from '../dia-object/sky-zones.js';
import { ALERTS_STREAMS, type AlertIngestedEvent } from '../events.js';
import type { AlertRepository } from './alert.repository.js';
import type { Alert, AlertFilter } from './alert.type.js';

/** An id argument as a bigint, or BAD_USER_INPUT. */
export function requireId(id: string, argument: string): bigint {
  const value = parseObjectId(id);
  if (value === null) throw new BadUserInputError(`${argument} must be a 64-bit integer id`, { argument });
  return value;
}

/** Whether an announced alert passes a subscriber's filter (checked on the server, per event). */
export function matches(e: AlertIngestedEvent, f: AlertFilter): boolean {
  if (f.diaObjectId != null && e.diaObjectId !== f.diaObjectId) return false;
  if (f.filterNames?.length && !f.filterNames.includes(e.filterName)) return false;
  if (f.minSnr != null && !(e.snr >= f.minSnr)) return false;
  if (f.cone && angularDistanceDeg(e.ra, e.decl, f.cone.ra, f.cone.dec) * 3600 > f.cone.radiusArcsec)
    return false;
  return true;
}

/** The event as GraphQL: the alert with its triggering detection, ingested at the event's time. */
function alertOf(id: string, e: AlertIngestedEvent): Alert {
  return {
    alertId: e.alertId,
    diaSourceId: e.diaSourceId,
    diaObjectId: e.diaObjectId,
    sentAt: null,
    ingestedAt: new Date(Number(id.split('-')[0])),
    eventId: id,
    source: {
      id: e.diaSourceId,
      diaObjectId: e.diaObjectId,
      midPointTai: e.midPointTai,
      filterName: e.filterName,
      ra: e.ra,
      decl: e.decl,
      psFlux: e.psFlux,
      psFluxErr: e.psFluxErr,
      snr: e.snr,
    },
  };
}

export class AlertService {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly events: EventBus,
  ) {}

  async byId(id: string): Promise<Alert | null> {
    const row = await this.alerts.findById(requireId(id, 'id'));
    return row
      ? {
          alertId: row.id.toString(),
          diaSourceId: row.diaSourceId.toString(),
          diaObjectId: row.diaObjectId.toString(),
          sentAt: row.sentAt,
          ingestedAt: row.ingestedAt,
        }
      : null;
  }

  /** New alerts as they are stored, only those the filter keeps; with `after`, those since first. */
  async subscribe(filter: AlertFilter = {}, after?: string | null): Promise<AsyncIterable<Alert>> {
    if (filter.diaObjectId != null) requireId(filter.diaObjectId, 'filter.diaObjectId');
    const cone = filter.cone;
    if (cone && !(cone.radiusArcsec > 0 && cone.radiusArcsec <= MAX_RADIUS_ARCSEC))
      throw new BadUserInputError(`filter.cone.radiusArcsec must be in (0, ${MAX_RADIUS_ARCSEC}]`, {
        argument: 'filter',
      });
    if (after != null && !isStreamId(after))
      throw new BadUserInputError('after must be an eventId received earlier', { argument: 'after' });
    const source = await this.events.subscribe<AlertIngestedEvent>(
      ALERTS_STREAMS.alertIngested,
      after != null ? { after } : {},
    );
    // An iterator rather than an async generator: a generator's return() waits for the pending
    // next(), so an unsubscribe would hang until the next matching alert; this one ends the source at once.
    const events = source[Symbol.asyncIterator]();
    const kept: AsyncIterableIterator<Alert> = {
      [Symbol.asyncIterator]: () => kept,
      next: async () => {
        for (;;) {
          const r = await events.next();
          if (r.done) return { done: true, value: undefined };
          if (matches(r.value.payload, filter))
            return { done: false, value: alertOf(r.value.id, r.value.payload) };
        }
      },
      return: async () => {
        await events.return?.();
        return { done: true, value: undefined };
      },
    };
    return kept;
  }
}
