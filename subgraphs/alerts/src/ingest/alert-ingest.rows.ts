import type {
  AlertRow,
  DetectionStats,
  QuarantineRow,
  StoreBatch,
  StoreRows,
} from './alert-ingest.repository.js';
import type { AlertRecord } from './alert-record.js';

/** Ids of one file already sent to the store: an alert's history repeats its earlier alerts' rows. */
export interface Sent {
  objects: Set<bigint>;
  sources: Set<bigint>;
  forced: Set<bigint>;
}

const emptyRows = (): StoreRows => ({ objects: [], sources: [], forcedSources: [], alerts: [] });

/**
 * A chunk's checked alerts as the rows to store, each id once per file (the first kept, as ON CONFLICT DO
 * NOTHING would): the rows of objects not stored yet apart (`fresh`, with their detection figures, which are
 * all in this chunk), the rows of known objects to merge.
 */
export function splitRows(
  alerts: readonly AlertRecord[],
  known: ReadonlySet<bigint>,
  sent: Sent,
  quarantine: QuarantineRow[],
): StoreBatch {
  const fresh = { ...emptyRows(), stats: new Map<bigint, DetectionStats>() };
  const merge = emptyRows();
  const rowsOf = (objectId: bigint): StoreRows => (known.has(objectId) ? merge : fresh);
  for (const a of alerts) {
    const rows = rowsOf(a.diaObjectId);
    if (a.object && !sent.objects.has(a.object.id)) {
      sent.objects.add(a.object.id);
      rows.objects.push(a.object);
    }
    for (let i = -1; i < a.prvSources.length; i++) {
      const s = i < 0 ? a.source : a.prvSources[i]!;
      if (sent.sources.has(s.id)) continue;
      sent.sources.add(s.id);
      rows.sources.push(s);
      if (rows === fresh) {
        const st = fresh.stats.get(s.diaObjectId);
        if (!st) fresh.stats.set(s.diaObjectId, { n: 1, first: s.midPointTai, last: s.midPointTai });
        else {
          st.n++;
          if (s.midPointTai < st.first) st.first = s.midPointTai;
          if (s.midPointTai > st.last) st.last = s.midPointTai;
        }
      }
    }
    for (const f of a.prvForcedSources) {
      if (sent.forced.has(f.id)) continue;
      sent.forced.add(f.id);
      rows.forcedSources.push(f);
    }
    const alert: AlertRow = { alertId: a.alertId, diaSourceId: a.source.id, diaObjectId: a.diaObjectId };
    rows.alerts.push(alert);
  }
  return { fresh, merge, quarantine };
}
