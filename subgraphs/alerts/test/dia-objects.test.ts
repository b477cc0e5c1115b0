import { randomUUID } from 'node:crypto';
import { signInternal, INTERNAL_HEADER } from '@opshub/auth';
import { createLogger } from '@opshub/config';
import { startSubgraphServer, type RunningSubgraph } from '@opshub/subgraph-kit';
import { TEST_SECRET } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAlertsDemo } from '../src/index.js';
import { startHarness, type Harness } from './harness.js';

const PAGE = `query($first: Int, $after: String, $filter: DiaObjectFilter) {
  diaObjects(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id ra decl isddf } }
  }
}`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; ra: number; decl: number; isddf: boolean } }[];
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness('diaobjects');
});
afterAll(async () => {
  await h?.close();
});

async function page(vars: Record<string, unknown>): Promise<Page> {
  const result = await h.exec<{ diaObjects: Page }>(PAGE, vars);
  expect(result.errors).toBeUndefined();
  return result.data!.diaObjects;
}

describe('diaObject', () => {
  it('finds an object by its 64-bit id, null when unknown, BAD_USER_INPUT when not an id', async () => {
    await h.services.diaObjects.upsertObjects([
      { id: 9_007_199_254_740_993n, ra: 12.5, decl: -7.25, mwebv: 0.03 },
    ]);
    const q = 'query($id: ID!) { diaObject(id: $id) { id ra decl mwebv isddf } }';
    const found = await h.exec(q, { id: '9007199254740993' });
    expect(found.data).toEqual({
      diaObject: { id: '9007199254740993', ra: 12.5, decl: -7.25, mwebv: 0.03, isddf: false },
    });
    expect((await h.exec(q, { id: '42' })).data).toEqual({ diaObject: null });
    for (const id of ['abc', '1.5', '99999999999999999999']) {
      expect((await h.exec(q, { id })).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });

  it('resolves DiaObject entity references for other subgraphs', async () => {
    const result = await h.exec(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on DiaObject { id decl } } }',
      {
        r: [
          { __typename: 'DiaObject', id: '9007199254740993' },
          { __typename: 'DiaObject', id: 'nope' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: '9007199254740993', decl: -7.25 }, null] });
  });
});

describe('diaObjects', () => {
  it('pages in id order and stays stable while objects are inserted between pages', async () => {
    const band = { declMin: 40, declMax: 41 };
    const original = Array.from({ length: 23 }, (_, i) => ({
      id: BigInt(1000 + i * 10),
      ra: 100 + i,
      decl: 40.5,
    }));
    await h.services.diaObjects.upsertObjects(original);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const p: Page = await page({ first: 5, after, filter: band });
      seen.push(...p.edges.map((e) => e.node.id));
      pages++;
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
      const last = Number(p.edges.at(-1)!.node.id);
      // One object before the cursor (must not appear), one after it (must appear once).
      await h.services.diaObjects.upsertObjects([
        { id: BigInt(last - 5), ra: 200, decl: 40.2 },
        { id: BigInt(2000 + pages), ra: 201, decl: 40.2 },
      ]);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => Number(a) - Number(b)));
    for (const o of original) expect(seen).toContain(String(o.id));
    expect(seen.filter((id) => Number(id) >= 2000)).toEqual(
      Array.from({ length: pages - 1 }, (_, i) => String(2001 + i)),
    );
    expect(seen.some((id) => Number(id) < 2000 && Number(id) % 10 === 5)).toBe(false);
  });

  it('filters by deep drilling field and by ra / dec ranges, also across ra = 0', async () => {
    await h.services.diaObjects.upsertObjects([
      { id: 5001n, ra: 359.5, decl: -60.5, isddf: true },
      { id: 5002n, ra: 0.5, decl: -60.5 },
      { id: 5003n, ra: 180, decl: -60.5, isddf: true },
      { id: 5004n, ra: 0.5, decl: -62 },
    ]);
    const wrap = await page({ filter: { raMin: 359, raMax: 1, declMin: -61, declMax: -60, isddf: null } });
    expect(wrap.edges.map((e) => e.node.id)).toEqual(['5001', '5002']);
    expect(wrap.totalCount).toBe(2);
    const ddf = await page({ filter: { isddf: true, declMin: -61, declMax: -60 } });
    expect(ddf.edges.map((e) => e.node.id)).toEqual(['5001', '5003']);
    const bad = await h.exec(PAGE, { filter: { declMin: -95 } });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const badCursor = await h.exec(PAGE, { after: 'garbage' });
    expect(badCursor.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('seedAlertsDemo', () => {
  it('writes the same ~2,000 objects every time, with deep drilling field clusters', async () => {
    expect(await seedAlertsDemo(h.db)).toBe(2000);
    const before = await page({ first: 500, filter: { isddf: true, declMin: -50, declMax: -42 } });
    expect(await seedAlertsDemo(h.db)).toBe(2000);
    const after = await page({ first: 500, filter: { isddf: true, declMin: -50, declMax: -42 } });
    expect(after).toEqual(before);
    expect(before.totalCount).toBeGreaterThan(100);
    // The ECDFS cluster: tens of objects within its 1.75° pointing.
    const cone = await h.exec<{ coneSearch: unknown[] }>(
      '{ coneSearch(ra: 53.125, dec: -28.1, radiusArcsec: 3600, first: 1000) { object { isddf } } }',
    );
    expect(cone.data!.coneSearch.length).toBeGreaterThan(20);
  });
});

describe('over HTTP', () => {
  let server: RunningSubgraph;
  beforeAll(async () => {
    server = await startSubgraphServer({
      name: 'alerts',
      schema: h.schema,
      host: '127.0.0.1',
      port: 0,
      secret: TEST_SECRET,
      log: createLogger('test', 'silent'),
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function post(
    query: string,
    signed: { roles: ['VIEWER'] } | 'anonymous' | 'unsigned',
  ): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signed !== 'unsigned') {
      headers[INTERNAL_HEADER] = signInternal(TEST_SECRET, 'alerts', {
        requestId: randomUUID(),
        ...(signed === 'anonymous'
          ? {}
          : { user: { id: randomUUID(), username: 'viewer', roles: signed.roles } }),
      });
    }
    return fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  }

  it('answers a signed viewer, refuses anonymous callers and unsigned requests', async () => {
    const q = '{ coneSearch(ra: 12.5, dec: -7.25, radiusArcsec: 1) { separationArcsec object { id } } }';
    const ok = await post(q, { roles: ['VIEWER'] });
    expect(await ok.json()).toEqual({
      data: { coneSearch: [{ separationArcsec: 0, object: { id: '9007199254740993' } }] },
    });
    const anonymous = (await (await post(q, 'anonymous')).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(anonymous.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect((await post(q, 'unsigned')).status).toBe(401);
  });
});
