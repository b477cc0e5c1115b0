import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Executive, OusState } from '../src/ous/ous-state.js';
import { createWorkflowServices, type WorkflowServices } from '../src/services.js';

const log = createLogger('test', 'silent');
const admin = { id: '00000000-0000-4000-8000-000000000001', username: 'admin', roles: ['ADMIN' as const] };
const helper = { system: 'batch-helper' };
let database: TestDatabase;
let db: Db;
let events: EventBus;
let services: WorkflowServices;

beforeAll(async () => {
  database = await createTestDatabase('wfpaging');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('wfp'));
  services = createWorkflowServices(db, events, log);
});

afterAll(async () => {
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
});

async function launch(programId: string, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `uid://${prefix}/P1/X${i.toString(16)}`;
    await services.ous.create(programId, id, admin);
    ids.push(id);
  }
  return ids;
}

/** Pages through with `first`, calling `between` after each page with what has been seen so far. */
async function pageThrough(
  filter: { programId: string; state?: OusState },
  first: number,
  between: (seen: string[], page: number) => Promise<void>,
): Promise<string[]> {
  const seen: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const connection = await services.ous.page({ ...filter, first, ...(after ? { after } : {}) });
    seen.push(...connection.edges.map((e) => e.node.id));
    if (!connection.pageInfo.hasNextPage) return seen;
    after = connection.pageInfo.endCursor!;
    await between(seen, page);
  }
  throw new Error('more than 50 pages');
}

describe('obsUnitSets pages while OUSs change state', () => {
  it('lists every OUS exactly once, most recently changed first, while others move between pages', async () => {
    const program = '2022.1.00001.S';
    const ids = await launch(program, 'A1', 12);
    let launchedMeanwhile = 0;
    const seen = await pageThrough({ programId: program }, 3, async (seenSoFar, page) => {
      // Between pages: an OUS not listed yet moves (its recipe), one already listed moves again,
      // and a new one is launched.
      const unseen = ids.filter((id) => !seenSoFar.includes(id));
      await services.ous.apply(unseen.at(-1)!, { kind: 'assignRecipe', recipe: 'PipelineImaging' }, helper);
      const listed = seenSoFar[0]!;
      const o = await services.ous.byId(listed);
      if (o?.state === OusState.READY_FOR_PROCESSING && o.substate)
        await services.ous.apply(listed, { kind: 'assignExecutive', executive: Executive.EU }, admin);
      await services.ous.create(program, `uid://A2/P1/Y${page}`, admin);
      launchedMeanwhile++;
    });
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(seen).toHaveLength(ids.length);
    // The order of the first page's snapshot: launched last, listed first.
    expect(seen).toEqual([...ids].reverse());

    // A fresh first page shows what moved, most recently changed first.
    const fresh = await services.ous.page({ programId: program, first: 100 });
    expect(launchedMeanwhile).toBe(3);
    expect(fresh.totalCount).toBe(ids.length + launchedMeanwhile);
    const times = fresh.edges.map((e) => e.node.updatedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filtered by state, lists the OUSs in that state at the first page, each once', async () => {
    const program = '2022.1.00002.S';
    const ids = await launch(program, 'B1', 8);
    const seen = await pageThrough(
      { programId: program, state: OusState.READY_FOR_PROCESSING },
      2,
      async (so) => {
        // Every OUS not listed yet changes (stays ReadyForProcessing with a recipe): each would jump
        // ahead of the cursor if pages followed the live order.
        for (const id of ids.filter((i) => !so.includes(i))) {
          const o = await services.ous.byId(id);
          if (!o?.substate)
            await services.ous.apply(id, { kind: 'assignRecipe', recipe: 'PipelineCalibration' }, helper);
        }
      },
    );
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(services.ous.page({ first: 1, after: 'bm9wZQ' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const old = Buffer.from(JSON.stringify([new Date().toISOString(), 'uid://A/B/C'])).toString('base64url');
    await expect(services.ous.page({ first: 1, after: old })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
