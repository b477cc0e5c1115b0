import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.js';

describe('seededRandom', () => {
  it('draws the same sequence for the same seed, another for another, all in [0, 1)', () => {
    const draw = (seed: number) => Array.from({ length: 1_000 }, seededRandom(seed));
    const a = draw(42);
    expect(draw(42)).toEqual(a);
    expect(draw(43)).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    // mulberry32's first draw for seed 42: the demo seeds' data depend on this exact sequence.
    expect(a[0]).toBeCloseTo(0.6011037519, 9);
  });
});
