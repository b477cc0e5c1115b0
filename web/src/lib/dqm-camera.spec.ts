import { describe, expect, it } from 'vitest';
import {
  autoRange,
  colourOf,
  hexLayout,
  neighbourPitch,
  NO_VALUE_COLOUR,
  viridis,
  type GeometryPixel,
} from './dqm-camera';

/** A hexagonal tiling of `n` pixels, nearest to the centre first, rotated by `rotationDeg` (NectarCAM: −19.1066°). */
function hexGrid(n: number, pitch: number, rotationDeg: number): GeometryPixel[] {
  const rot = (rotationDeg * Math.PI) / 180;
  const cells: { x: number; y: number }[] = [];
  for (let q = -30; q <= 30; q++)
    for (let r = -30; r <= 30; r++) {
      const x = pitch * (q + r / 2);
      const y = pitch * r * (Math.sqrt(3) / 2);
      cells.push({ x: x * Math.cos(rot) - y * Math.sin(rot), y: x * Math.sin(rot) + y * Math.cos(rot) });
    }
  cells.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y));
  return cells.slice(0, n).map((c, id) => ({ id, ...c }));
}

const vertices = (path: string): [number, number][] =>
  path
    .slice(1, -1)
    .split('L')
    .map((p) => p.split(',').map(Number) as [number, number]);

describe('hexLayout', () => {
  const pixels = hexGrid(1855, 0.05, -19.1066);

  it('reads the pitch and the orientation from the pixel centres', () => {
    const { pitch, angleDeg } = neighbourPitch(pixels);
    expect(pitch).toBeCloseTo(50, 6); // mm
    // Neighbour directions of the rotated tiling: −19.1066° + k·60°, folded into [0, 60).
    expect(angleDeg).toBeCloseTo(60 - 19.1066, 3);
  });

  it('draws one hexagon per pixel, neighbours sharing an edge', () => {
    const layout = hexLayout(pixels);
    expect(layout.pixels).toHaveLength(1855);
    expect(layout.vertexAngleDeg).toBeCloseTo(60 - 19.1066 + 30, 3);
    const [a, b] = [
      layout.pixels[0]!,
      layout.pixels.find(
        (p) => Math.hypot(p.cx - layout.pixels[0]!.cx, p.cy - layout.pixels[0]!.cy) < 51 && p.id !== 0,
      )!,
    ];
    // Each hexagon's vertices are its circumradius (pitch/√3, drawn 3 % smaller for a seam) from its centre.
    for (const [x, y] of vertices(a.path))
      expect(Math.hypot(x - a.cx, y - a.cy)).toBeCloseTo((50 / Math.sqrt(3)) * 0.97, 1);
    // Two vertices of each of two neighbours lie close together: they face each other across one edge.
    const close = vertices(a.path).filter(([x, y]) =>
      vertices(b.path).some(([u, v]) => Math.hypot(x - u, y - v) < 2),
    );
    expect(close).toHaveLength(2);
  });

  it('turns y up into SVG y down and frames every pixel', () => {
    const layout = hexLayout([
      { id: 0, x: 0, y: 0 },
      { id: 1, x: 0, y: 0.05 },
    ]);
    expect(layout.pixels[1]!.cy).toBeCloseTo(-50);
    const [x, y, w, h] = layout.viewBox.split(' ').map(Number) as [number, number, number, number];
    for (const p of layout.pixels) {
      expect(p.cx).toBeGreaterThan(x);
      expect(p.cx).toBeLessThan(x + w);
      expect(p.cy).toBeGreaterThan(y);
      expect(p.cy).toBeLessThan(y + h);
    }
  });
});

describe('colour scale', () => {
  it('runs along viridis from min to max and clamps outside', () => {
    expect(viridis(0)).toBe('rgb(68,1,84)');
    expect(viridis(1)).toBe('rgb(253,231,37)');
    expect(colourOf(10, 10, 20)).toBe(viridis(0));
    expect(colourOf(20, 10, 20)).toBe(viridis(1));
    expect(colourOf(15, 10, 20)).toBe(viridis(0.5));
    expect(colourOf(-5, 10, 20)).toBe(viridis(0));
    expect(colourOf(99, 10, 20)).toBe(viridis(1));
  });

  it('greys out missing values and survives an empty range', () => {
    expect(colourOf(undefined, 0, 1)).toBe(NO_VALUE_COLOUR);
    expect(colourOf(NaN, 0, 1)).toBe(NO_VALUE_COLOUR);
    expect(colourOf(3, 5, 5)).toBe(viridis(0.5));
  });

  it('takes its default range from the good pixels only', () => {
    expect(autoRange([0, 250, 260, 255], new Set([0]))).toEqual({ min: 250, max: 260 });
    expect(autoRange([0, 250, 260, 255])).toEqual({ min: 0, max: 260 });
    expect(autoRange([7, 7])).toEqual({ min: 6.5, max: 7.5 });
    expect(autoRange([NaN])).toEqual({ min: 0, max: 1 });
  });
});
