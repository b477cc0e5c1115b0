/** Checking a chunk of decoded records: the alerts to store, and the others quarantined with their reason. */
import { createHash } from 'node:crypto';
import type { FileEntry } from './alert-file.reader.js';
import type { QuarantineRow } from './alert-ingest.repository.js';
import { jsonSafe, RecordError, toAlertRecord, type AlertRecord } from './alert-record.js';

export const sha256 = (...parts: (string | Buffer)[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
};

const stringify = (value: unknown): string => JSON.stringify(jsonSafe(value));

/** A record quarantined with its reason (its digest makes a repeated import store it once). */
export function quarantined(
  source: string,
  position: number,
  reason: string,
  raw: unknown,
  alertId: bigint | null = null,
): QuarantineRow {
  const record = stringify(raw);
  return {
    digest: sha256(source, String(position), reason, record),
    source,
    position,
    alertId,
    reason,
    record,
  };
}

/** A checked chunk: the alerts to store (with where they were and what they were), the quarantined records. */
export interface Checked {
  quarantine: QuarantineRow[];
  /** `raw`: the decoded value for a quarantine reason (null from the fast decoder: its alerts carry their object). */
  good: { position: number; raw: unknown; alert: AlertRecord }[];
}

/** Checks a chunk's records: the alerts to store, and the others quarantined with their reason. */
export function checkChunk(
  source: string,
  entries: readonly FileEntry[],
  objectFloatFields: readonly string[],
): Checked {
  const quarantine: QuarantineRow[] = [];
  const good: Checked['good'] = [];
  for (const entry of entries) {
    if ('error' in entry) quarantine.push(quarantined(source, entry.position, entry.error, entry.raw));
    else if ('alert' in entry) good.push({ position: entry.position, raw: null, alert: entry.alert });
    else {
      try {
        good.push({
          position: entry.position,
          raw: entry.value,
          alert: toAlertRecord(entry.value, objectFloatFields),
        });
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        quarantine.push(quarantined(source, entry.position, error.message, entry.value));
      }
    }
  }
  return { quarantine, good };
}
