// dqmJobUpdated and dqmHostChanged through the dqm schema: the sync's outbox events as a subscriber sees them
// (the cluster filter of dqmJobUpdated is applied in DqmJobService.subscribe).
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { DqmMachine, startDqmAgentServer, type DqmAgentServer } from '@opshub/simulators/dqm-agent';
import type { SubgraphContext } from '@opshub/subgraph-kit';
import {
  createTestDatabase,
  deleteKeys,
  TEST_SECRET,
  testRedisUrl,
  uniquePrefix,
  type TestDatabase,
} from '@opshub/testing';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDqmSchema, createDqmServices, type DqmServices } from '../src/index.js';

const viewer = { id: '00000000-0000-4000-8000-000000000003', username: 'vic', roles: ['VIEWER' as const] };
const log = createLogger('test', 'silent');
const prefix = uniquePrefix('dqm-square-live');
let database: TestDatabase;
let db: Db;
let events: EventBus;
let services: DqmServices;
let agent: DqmAgentServer;
const machine = new DqmMachine({
  hostname: 'dqmfu-c2b08-45-01',
  role: 'FU',
  cluster: 'playback',
  firstRun: 387_000,
  seed: 4,
});

beforeAll(async () => {
  database = await createTestDatabase('dqm-square-live');
  db = createDb(database.url, { max: 4 });
  events = await EventBus.connect(testRedisUrl(), prefix);
  services = createDqmServices(db, { events, log, pseudonymKey: TEST_SECRET, square: { timeoutMs: 2_000 } });
  machine.step(Date.now() / 1000); // documents stamped now: their jobs are running, not stuck
  agent = await startDqmAgentServer({ machine, cluster: [machine], secret: 'unused-secret-0123' });
});

afterAll(async () => {
  await agent?.close();
  await events?.close();
  await deleteKeys(testRedisUrl(), prefix);
  await db?.$disconnect();
  await database?.drop();
});

const open = async (schema: Parameters<typeof subscribe>[0]['schema'], source: string) =>
  (await subscribe({
    schema,
    document: parse(source),
    contextValue: { user: viewer, requestId: 'dqm-square-live', log } satisfies SubgraphContext,
  })) as AsyncIterableIterator<ExecutionResult>;

describe('the DQM² subscriptions', () => {
  it('deliver each changed job of the cluster, and the agent going up then down', async () => {
    const { schema } = await buildDqmSchema(services);
    const jobs = await open(
      schema,
      'subscription { dqmJobUpdated(cluster: PLAYBACK) { id host client run state lumisection } }',
    );
    const hosts = await open(schema, 'subscription { dqmHostChanged { name up error } }');
    const host = await services.square.hosts.add('PLAYBACK', agent.url, null);

    expect(await services.square.sync.syncHost(host.id)).toMatchObject({ status: 'synced' });
    const first = await jobs.next();
    expect(first.value.errors).toBeUndefined();
    const job = (first.value.data as { dqmJobUpdated: { host: string; run: number; state: string } })
      .dqmJobUpdated;
    expect(job).toMatchObject({ host: 'fu-01', run: 387_000, state: 'RUNNING' });
    const up = await hosts.next();
    expect(up.value.data).toEqual({ dqmHostChanged: { name: 'fu-01', up: true, error: null } });

    // Each job of the batch arrives; a later lumisection arrives as its new state.
    for (let i = 1; i < machine.activeClients.size; i++) await jobs.next();
    machine.step(Date.now() / 1000);
    await services.square.sync.syncHost(host.id);
    const later = await jobs.next();
    expect((later.value.data as { dqmJobUpdated: { lumisection: number } }).dqmJobUpdated.lumisection).toBe(
      1,
    );

    await agent.close();
    expect(await services.square.sync.syncHost(host.id)).toMatchObject({ status: 'failed' });
    const down = await hosts.next();
    expect(down.value.data).toEqual({
      dqmHostChanged: { name: 'fu-01', up: false, error: 'the agent is unreachable' },
    });
    await Promise.all([jobs.return?.(), hosts.return?.()]);
  });
});
