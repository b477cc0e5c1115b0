import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { angularDistanceDeg, type DiaObjectInput } from '../src/index.js';
import { seededRandom } from '@opshub/subgraph-kit';
import { startHarness, type Harness } from './harness.js';

const CONE = `query($ra: Float!, $dec: Float!, $r: Float!, $first: Int) {
  coneSearch(ra: $ra, dec: $dec, radiusArcsec: $r, first: $first) { separationArcsec object { id ra decl } }
}`;

interface Hit {
  separationArcsec: number;
  object: { id: string; ra: number; decl: number };
}

let h: Harness;
let nextId = 1n;

beforeAll(async () => {
  h = await startHarness('cone');
});
afterAll(async () => {
  await h?.close();
});

/** Scatters `n` objects around (ra, dec), within `spreadDeg` in dec and the matching ra width. */
async function scatter(
  ra: number,
  dec: number,
  spreadDeg: number,
  n: number,
  seed: number,
): Promise<DiaObjectInput[]> {
  const random = seededRandom(seed);
  const objects: DiaObjectInput[] = [];
  for (let i = 0; i < n; i++) {
    const decl = Math.max(-90, Math.min(90, dec + (random() * 2 - 1) * spreadDeg));
    const cos = Math.cos((Math.max(Math.abs(dec), Math.abs(decl)) * Math.PI) / 180);
    const width = cos < spreadDeg / 180 ? 180 : Math.min(180, spreadDeg / cos);
    const r = (((ra + (random() * 2 - 1) * width) % 360) + 360) % 360;
    objects.push({ id: nextId++, ra: r, decl });
  }
  await h.services.diaObjects.upsertObjects(objects);
  return objects;
}

/** What a brute-force scan says: ids inside the radius, nearest first. */
function expected(objects: DiaObjectInput[], ra: number, dec: number, radiusArcsec: number): string[] {
  return objects
    .map((o) => ({ id: String(o.id), sep: angularDistanceDeg(ra, dec, o.ra, o.decl) * 3600 }))
    .filter((o) => o.sep <= radiusArcsec)
    .sort((a, b) => a.sep - b.sep || Number(BigInt(a.id) - BigInt(b.id)))
    .map((o) => o.id);
}

async function cone(ra: number, dec: number, r: number, first = 1000): Promise<Hit[]> {
  const result = await h.exec<{ coneSearch: Hit[] }>(CONE, { ra, dec, r, first });
  expect(result.errors).toBeUndefined();
  return result.data!.coneSearch;
}

function expectNearestFirst(hits: Hit[], ra: number, dec: number): void {
  for (let i = 1; i < hits.length; i++)
    expect(hits[i]!.separationArcsec).toBeGreaterThanOrEqual(hits[i - 1]!.separationArcsec);
  for (const hit of hits) {
    expect(hit.separationArcsec).toBeCloseTo(
      angularDistanceDeg(ra, dec, hit.object.ra, hit.object.decl) * 3600,
      6,
    );
  }
}

describe('coneSearch', () => {
  it('returns exactly the objects inside the radius, nearest first', async () => {
    const [ra, dec, r] = [150.1, 2.2, 30];
    const objects = await scatter(ra, dec, 90 / 3600, 400, 1);
    const want = expected(objects, ra, dec, r);
    expect(want.length).toBeGreaterThan(20);
    expect(want.length).toBeLessThan(objects.length / 2);
    const hits = await cone(ra, dec, r);
    expect(hits.map((x) => x.object.id)).toEqual(want);
    expectNearestFirst(hits, ra, dec);
  });

  it('limits to the nearest `first`', async () => {
    const [ra, dec] = [150.1, 2.2];
    const all = await cone(ra, dec, 60);
    const top = await cone(ra, dec, 60, 5);
    expect(top.map((x) => x.object.id)).toEqual(all.slice(0, 5).map((x) => x.object.id));
  });

  it('finds objects on both sides of ra = 0/360', async () => {
    const objects = await scatter(0, -30, 60 / 3600, 300, 2);
    for (const ra of [359.999, 0, 0.002]) {
      const want = expected(objects, ra, -30, 25);
      const ras = want.map((id) => objects.find((o) => String(o.id) === id)!.ra);
      expect(ras.some((x) => x > 359)).toBe(true);
      expect(ras.some((x) => x < 1)).toBe(true);
      const hits = await cone(ra, -30, 25);
      expect(hits.map((x) => x.object.id)).toEqual(want);
      expectNearestFirst(hits, ra, -30);
    }
  });

  it('covers a pole inside the circle, and the widened ra range next to one', async () => {
    const north = await scatter(45, 89.995, 40 / 3600, 300, 3);
    const want = expected(north, 45, 89.995, 25);
    expect(new Set(want.map((id) => Math.floor(north.find((o) => String(o.id) === id)!.ra / 90))).size).toBe(
      4,
    );
    const hits = await cone(45, 89.995, 25);
    expect(hits.map((x) => x.object.id)).toEqual(want);
    expectNearestFirst(hits, 45, 89.995);

    // The circle stops short of the south pole but spans tens of degrees of ra there.
    const south = await scatter(200, -89.9, 0.1, 400, 4);
    const wantSouth = expected(south, 200, -89.9, 300);
    expect(wantSouth.length).toBeGreaterThan(20);
    const southHits = await cone(200, -89.9, 300);
    expect(southHits.map((x) => x.object.id)).toEqual(wantSouth);
  });

  it('serves the 1-degree maximum', async () => {
    const objects = await scatter(300, 45, 1.5, 500, 5);
    const hits = await cone(300, 45, 3600);
    expect(hits.map((x) => x.object.id)).toEqual(expected(objects, 300, 45, 3600));
  });

  it('refuses a radius beyond 1 degree and positions off the sky with BAD_USER_INPUT', async () => {
    for (const vars of [
      { ra: 10, dec: 10, r: 3600.001 },
      { ra: 10, dec: 10, r: 0 },
      { ra: 360, dec: 10, r: 1 },
      { ra: -0.1, dec: 10, r: 1 },
      { ra: 10, dec: 90.5, r: 1 },
      { ra: 10, dec: 10, r: 1, first: 0 },
    ]) {
      const result = await h.exec(CONE, vars);
      expect(result.errors?.[0]?.extensions?.['code'], JSON.stringify(vars)).toBe('BAD_USER_INPUT');
    }
  });
});
