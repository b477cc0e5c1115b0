/** What the run page needs to know of a quantity without its values (DqmRun.quantityKeys). */
export interface QuantityInfo {
  key: string;
  label: string;
  gain: string | null;
  field: string | null;
  unit: string | null;
  dtype: string;
  shape: number[];
}

/** The quantity a camera display opens on: the camera average over events of physics events. */
export const DEFAULT_CAMERA_KEY = 'CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP';
export const TRIGGER_STATISTICS_KEY = 'TRIGGER-STATISTICS';
export const START_TIMES_KEY = 'START-TIMES';

/** The events a DQM quantity was computed over: physics or pedestal. */
export type EventKind = 'PHY' | 'PED';

/** Events in which each pixel was flagged bad (one per pixel). */
export const badPixelKey = (kind: EventKind): string => `CAMERA-BADPIX-${kind}-OVEREVENTS`;
/** Time bins × pixels, non-zero where a pixel was bad. */
export const badPixelTimelineKey = (kind: EventKind): string => `CAMERA-BADPIXTIMELINE-${kind}`;
/** Pixels × samples: each pixel's mean waveform over the kind's events. */
export const waveformImageKey = (kind: EventKind): string => `WF-${kind}`;

/** The event kinds the run has a waveform image for, physics first. */
export function eventKinds(infos: readonly QuantityInfo[]): EventKind[] {
  return (['PHY', 'PED'] as const).filter((k) =>
    infos.some((q) => q.key === waveformImageKey(k) && q.shape.length === 2),
  );
}

/** Per-pixel quantities (one value per pixel, numeric): what the camera display can draw. */
function pixelQuantities(infos: readonly QuantityInfo[], pixels: number): QuantityInfo[] {
  return infos
    .filter((q) => q.shape.length === 1 && q.shape[0] === pixels && q.dtype !== 'str' && q.field === null)
    .sort((a, b) => a.key.localeCompare(b.key) || (a.gain ?? '').localeCompare(b.gain ?? ''));
}

/** The distinct keys of per-pixel quantities, each with the gains the run has for it. */
export function pixelKeys(
  infos: readonly QuantityInfo[],
  pixels: number,
): { key: string; label: string; gains: string[] }[] {
  const byKey = new Map<string, { key: string; label: string; gains: string[] }>();
  for (const q of pixelQuantities(infos, pixels)) {
    const entry = byKey.get(q.key) ?? { key: q.key, label: q.label, gains: [] };
    if (q.gain) entry.gains.push(q.gain);
    byKey.set(q.key, entry);
  }
  return [...byKey.values()];
}

/** A gain the run has for `key`, keeping `preferred` when it has it. */
export function gainFor(
  infos: readonly QuantityInfo[],
  key: string,
  preferred: string | null,
): string | null {
  const gains = infos.filter((q) => q.key === key && q.field === null).map((q) => q.gain);
  if (gains.includes(preferred)) return preferred;
  return gains[0] ?? null;
}
