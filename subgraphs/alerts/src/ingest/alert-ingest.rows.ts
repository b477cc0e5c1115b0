import type {
  AlertRow,
  DetectionStats,
  QuarantineRow,
  StoreBatch,
  StoreRows,
} from './alert-ingest.repository.js';
import type { AlertRecord } from './alert-record.js';
import type { SentIds } from './id-set.js';

const emptyRows = (): StoreRows => ({ objects: [], sources: [], forcedSources: [], alerts: [] });

/**
 * A chunk's checked alerts as the rows to store, each id once per file (the first kept, as ON CONFLICT DO
 * NOTHING would): the rows of objects not stored yet apart (`fresh`, with their detection figures, which are
 * all in this chunk), the rows of known objects to merge.
 */
export function splitRows(
  alerts: readonly AlertRecord[],
  known: ReadonlySet<bigint>,
  sent: SentIds,
  quarantine: QuarantineRow[],
): StoreBatch {
  const fresh = { ...emptyRows(), stats: new Map<bigint, DetectionStats>() };
  const merge = emptyRows();
  const rowsOf = (objectId: bigint): StoreRows => (known.has(objectId) ? merge : fresh);
  for (const a of alerts) {
    const rows = rowsOf(a.diaObjectId);
    // The fast decoder's alerts hold only rows new to the file, noted already; the others' rows are checked here.
    const unseen = a.unseen === true;
    if (a.object && (unseen || sent.objects.addId(a.object.id))) rows.objects.push(a.object);
    for (let i = -1; i < a.prvSources.length; i++) {
      const s = i < 0 ? a.source : a.prvSources[i]!;
      if (!unseen && !sent.sources.addId(s.id)) continue;
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
    for (const f of a.prvForcedSources) if (unseen || sent.forced.addId(f.id)) rows.forcedSources.push(f);
    const alert: AlertRow = { alertId: a.alertId, diaSourceId: a.source.id, diaObjectId: a.diaObjectId };
    rows.alerts.push(alert);
  }
  return { fresh, merge, quarantine };
}
