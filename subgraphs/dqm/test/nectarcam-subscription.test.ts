// dqmRunIngested through the dqm schema: the pull's outbox event, as a subscriber sees it.
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { startNectarcamServer, type NectarcamServer } from '@opshub/simulators/nectarcam';
import type { SubgraphContext } from '@opshub/subgraph-kit';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDqmSchema, createDqmServices, type DqmServices } from '../src/index.js';

const viewer = { id: '00000000-0000-4000-8000-000000000003', username: 'vic', roles: ['VIEWER' as const] };
const log = createLogger('test', 'silent');
let database: TestDatabase;
let db: Db;
let events: EventBus;
let services: DqmServices;
let sim: NectarcamServer;

beforeAll(async () => {
  [database, sim] = await Promise.all([
    createTestDatabase('dqm-live'),
    startNectarcamServer({ camera: 'NectarCAM3', firstRun: 42, initialRuns: 1 }),
  ]);
  db = createDb(database.url, { max: 4 });
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('dqm-live'));
  services = createDqmServices(db, { events, log, pseudonymKey: null });
});

afterAll(async () => {
  await sim?.close();
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
});

describe('dqmRunIngested', () => {
  it('delivers each stored run once, with its quantities resolved per event', async () => {
    const { schema } = await buildDqmSchema(services);
    const contextValue: SubgraphContext = { user: viewer, requestId: 'dqm-live-test', log };
    const stream = (await subscribe({
      schema,
      document: parse(
        'subscription { dqmRunIngested { camera runNumber endedAt quantityKeys { key gain } } }',
      ),
      contextValue,
    })) as AsyncIterableIterator<ExecutionResult>;
    expect(Symbol.asyncIterator in stream).toBe(true);

    await services.nectarcam.addSource(sim.url);
    expect(await services.nectarcamIngest.pull()).toMatchObject({ ingested: 1 });
    const { value } = await stream.next();
    expect(value.errors).toBeUndefined();
    const run = (
      value.data as {
        dqmRunIngested: {
          camera: string;
          runNumber: number;
          endedAt: string | null;
          quantityKeys: { key: string; gain: string | null }[];
        };
      }
    ).dqmRunIngested;
    expect(run).toMatchObject({ camera: 'NectarCAM3', runNumber: 42 });
    expect(run.endedAt).not.toBeNull();
    expect(run.quantityKeys).toContainEqual({ key: 'WF-PHY', gain: 'HIGH' });

    // Pulling the same file again publishes nothing; the next run is the next event.
    await services.nectarcamIngest.pull();
    sim.addRun();
    await services.nectarcamIngest.pull();
    const second = await stream.next();
    expect((second.value.data as { dqmRunIngested: { runNumber: number } }).dqmRunIngested.runNumber).toBe(
      43,
    );
    await stream.return?.();
  });
});
