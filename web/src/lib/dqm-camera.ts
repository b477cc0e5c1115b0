/** A pixel of a camera geometry as the hub serves it: centre in metres. */
export interface GeometryPixel {
  id: number;
  x: number;
  y: number;
}

/** A pixel drawn as a hexagon: its SVG path in the display's coordinates (mm, y up turned y down). */
export interface HexPixel {
  id: number;
  cx: number;
  cy: number;
  path: string;
}

export interface HexLayout {
  pixels: HexPixel[];
  /** SVG viewBox covering every hexagon with a small margin. */
  viewBox: string;
  /** Centre-to-centre distance of neighbours, mm. */
  pitch: number;
  /** Angle of the first vertex, degrees (counter-clockwise from +x in camera coordinates). */
  vertexAngleDeg: number;
}

const MM = 1000;

/**
 * The nearest neighbour's distance and direction, read from the geometry itself (median over a sample
 * of pixels, so one irregular pixel at the edge does not decide): hexagons of a tiling share an edge
 * with each neighbour, so their vertices sit 30° off the neighbour directions and their circumradius is
 * the pitch over √3. This draws the camera as ctapipe does without trusting a rotation convention.
 */
export function neighbourPitch(pixels: readonly GeometryPixel[]): { pitch: number; angleDeg: number } {
  if (pixels.length < 2) return { pitch: 1, angleDeg: 0 };
  const step = Math.max(1, Math.floor(pixels.length / 64));
  const found: { d: number; a: number }[] = [];
  for (let i = 0; i < pixels.length; i += step) {
    const p = pixels[i]!;
    let best = Infinity;
    let angle = 0;
    for (const q of pixels) {
      if (q === p) continue;
      const d = Math.hypot(q.x - p.x, q.y - p.y);
      if (d > 0 && d < best) {
        best = d;
        angle = Math.atan2(q.y - p.y, q.x - p.x);
      }
    }
    found.push({ d: best, a: angle });
  }
  found.sort((u, v) => u.d - v.d);
  const median = found[Math.floor(found.length / 2)]!;
  const deg = ((median.a * 180) / Math.PI) % 60;
  return { pitch: median.d * MM, angleDeg: deg < 0 ? deg + 60 : deg };
}

/** Six vertices around (cx, cy), y already flipped for SVG. */
function hexPath(cx: number, cy: number, radius: number, angleDeg: number): string {
  const points: string[] = [];
  for (let k = 0; k < 6; k++) {
    const a = ((angleDeg + 60 * k) * Math.PI) / 180;
    points.push(`${(cx + radius * Math.cos(a)).toFixed(2)},${(cy - radius * Math.sin(a)).toFixed(2)}`);
  }
  return `M${points.join('L')}Z`;
}

/** Hexagons for every pixel of a geometry, in millimetres with y pointing down (SVG). */
export function hexLayout(pixels: readonly GeometryPixel[]): HexLayout {
  const { pitch, angleDeg } = neighbourPitch(pixels);
  const vertexAngleDeg = angleDeg + 30;
  // A hair under the tiling radius: neighbours keep a visible seam.
  const radius = (pitch / Math.sqrt(3)) * 0.97;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const drawn = pixels.map((p) => {
    const cx = p.x * MM;
    const cy = -p.y * MM;
    minX = Math.min(minX, cx);
    maxX = Math.max(maxX, cx);
    minY = Math.min(minY, cy);
    maxY = Math.max(maxY, cy);
    return { id: p.id, cx, cy, path: hexPath(cx, cy, radius, vertexAngleDeg) };
  });
  const m = pitch;
  const viewBox = drawn.length
    ? `${(minX - m).toFixed(1)} ${(minY - m).toFixed(1)} ${(maxX - minX + 2 * m).toFixed(1)} ${(maxY - minY + 2 * m).toFixed(1)}`
    : '0 0 1 1';
  return { pixels: drawn, viewBox, pitch, vertexAngleDeg };
}

/** Viridis at nine stops (matplotlib's values), the DQM's default map: ordered in lightness, colour-blind safe. */
const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** Colour of a value missing from the quantity (NaN) or of a pixel the run has no value for. */
export const NO_VALUE_COLOUR = '#9aa0a6';

/** The colour of `t` in 0–1 along viridis (clamped). */
export function viridis(t: number): string {
  const u = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  const c = (k: 0 | 1 | 2) => Math.round(a[k] + (b[k] - a[k]) * f);
  return `rgb(${c(0)},${c(1)},${c(2)})`;
}

/** A value's colour on the scale [min, max]: below min the first colour, above max the last. */
export function colourOf(value: number | undefined, min: number, max: number): string {
  if (value === undefined || !Number.isFinite(value)) return NO_VALUE_COLOUR;
  if (!(max > min)) return viridis(0.5);
  return viridis((value - min) / (max - min));
}

/**
 * The default colour range: the finite values' min and max, bad pixels left out (a dead pixel's 0 would
 * otherwise squash the whole camera into one colour).
 */
export function autoRange(
  values: ArrayLike<number>,
  bad: ReadonlySet<number> = new Set(),
): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (bad.has(i)) continue;
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return { min: 0, max: 1 };
  if (min === max) return { min: min - 0.5, max: max + 0.5 };
  return { min, max };
}
