// The schema's @map on enum values, on the real Postgres: the client reads and writes the keys
// (the API's names), Postgres keeps the stored values, and STORED_OUS_STATE / STORED_PRODUCT_KIND
// (what raw SQL and the workflow events use) list exactly the stored values, in order.
import { createTestDatabase, type TestDatabase } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/client.js';
import { OusState, ousStateOf, ProductKind, STORED_OUS_STATE, STORED_PRODUCT_KIND } from '../src/enums.js';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase('db-enums');
  db = createDb(database.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const storedValues = async (type: string): Promise<string[]> =>
  (await db.$queryRawUnsafe<{ v: string }[]>(`SELECT unnest(enum_range(NULL::${type}))::text AS v`)).map(
    (r) => r.v,
  );

describe('database enums', () => {
  it('lists the stored values of OusState and ProductKind as Postgres has them', async () => {
    expect(await storedValues('workflow."OusState"')).toEqual(Object.values(STORED_OUS_STATE));
    expect(Object.keys(STORED_OUS_STATE)).toEqual(Object.keys(OusState));
    expect(await storedValues('workflow."ProductKind"')).toEqual(Object.values(STORED_PRODUCT_KIND));
    expect(Object.keys(STORED_PRODUCT_KIND)).toEqual(Object.keys(ProductKind));
  });

  it('writes and reads the keys through the client, the stored values in the table', async () => {
    await db.obsUnitSet.create({
      data: { id: 'uid://E1/E1/E1', programId: '2015.1.00657.S', state: OusState.FULLY_OBSERVED },
    });
    const row = await db.obsUnitSet.findUniqueOrThrow({ where: { id: 'uid://E1/E1/E1' } });
    expect(row.state).toBe('FULLY_OBSERVED');
    const [raw] = await db.$queryRaw<{ state: string }[]>`
      SELECT state::text AS state FROM workflow.obs_unit_set WHERE id = 'uid://E1/E1/E1'`;
    expect(raw?.state).toBe('FullyObserved');
    const found = await db.obsUnitSet.count({ where: { state: OusState.FULLY_OBSERVED } });
    expect(found).toBe(1);
  });

  it('reads an OusState from either spelling', () => {
    expect(ousStateOf('ReadyForReview')).toBe(OusState.READY_FOR_REVIEW);
    expect(ousStateOf('READY_FOR_REVIEW')).toBe(OusState.READY_FOR_REVIEW);
    expect(ousStateOf('Nowhere')).toBeUndefined();
  });
});
