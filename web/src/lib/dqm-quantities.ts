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
/** Events in which each pixel was flagged bad (one per pixel). */
export const BAD_PIXEL_KEY = 'CAMERA-BADPIX-PHY-OVEREVENTS';
/** Time bins × pixels, non-zero where a pixel was bad. */
export const BAD_PIXEL_TIMELINE_KEY = 'CAMERA-BADPIXTIMELINE-PHY';
/** Pixels × samples: each pixel's mean waveform over physics events. */
export const WAVEFORM_IMAGE_KEY = 'WF-PHY';
export const TRIGGER_STATISTICS_KEY = 'TRIGGER-STATISTICS';
export const START_TIMES_KEY = 'START-TIMES';

/** Per-pixel quantities (one value per pixel, numeric): what the camera display can draw. */
export function pixelQuantities(infos: readonly QuantityInfo[], pixels: number): QuantityInfo[] {
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

/** The quantity `key` of gain `gain` (or of no gain) when the run has it. */
export function findQuantity(
  infos: readonly QuantityInfo[],
  key: string,
  gain: string | null,
): QuantityInfo | undefined {
  return infos.find(
    (q) => q.key === key && q.field === null && (q.gain === gain || (q.gain === null && gain !== null)),
  );
}

/** The fields (columns) of a dict quantity, in the file's order. */
export function fieldsOf(infos: readonly QuantityInfo[], key: string): QuantityInfo[] {
  return infos.filter((q) => q.key === key && q.field !== null);
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
