import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { DQM_STREAMS } from '@opshub/dqm';
import { EventBus, type DomainEvent } from '@opshub/events';
import { createBullConnection } from '@opshub/jobs';
import { startDqmAgents, type DqmAgents } from '@opshub/simulators/dqm-agent';
import {
  createTestDatabase,
  deleteKeys,
  TEST_SECRET,
  testRedisUrl,
  uniquePrefix,
  waitFor,
  type TestDatabase,
} from '@opshub/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dqmSquareModule } from '../src/dqm-square/dqm-square.module.js';
import { startWorkers, type RunningWorkers } from '../src/index.js';

const log = createLogger('workers-test', 'silent');
let database: TestDatabase;
let db: Db;
let prefix: string;
let agents: DqmAgents;
let hung: Server;
let workers: RunningWorkers;
let bus: EventBus;
let jobEvents: AsyncIterableIterator<DomainEvent<{ jobs: { hostName: string; run: number }[] }>>;

beforeAll(async () => {
  [database, agents] = await Promise.all([
    createTestDatabase('workers-dqmsquare'),
    startDqmAgents({ secret: 'agent-secret-0123456789', stepMs: 300 }),
  ]);
  // An agent that never answers, registered first: the others must not wait for it.
  hung = createServer(() => undefined);
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  db = createDb(database.url);
  prefix = uniquePrefix('dqmsquare');
  bus = await EventBus.connect(testRedisUrl(), prefix);
  jobEvents = await bus.subscribe(DQM_STREAMS.dqmJobUpdated);
  workers = await startWorkers({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SESSION_TTL_HOURS: 12,
      WORKER_SHUTDOWN_MS: 5_000,
      LOG_LEVEL: 'silent',
    },
    log,
    modules: [
      dqmSquareModule({
        agents: [
          { cluster: 'PRODUCTION', url: `http://127.0.0.1:${(hung.address() as AddressInfo).port}` },
          ...agents.agents.map((a) => ({
            cluster: a.cluster === 'production' ? ('PRODUCTION' as const) : ('PLAYBACK' as const),
            url: a.url,
          })),
        ],
        agentSecret: 'agent-secret-0123456789',
        pseudonymKey: TEST_SECRET,
        syncEveryMs: 300,
        timeoutMs: 1_500,
        batchSize: 100,
        keepLogs: false,
        statusRetentionHours: 1,
      }),
    ],
  });
});

afterAll(async () => {
  await workers?.stop();
  await jobEvents?.return?.();
  await bus?.close();
  await agents?.close();
  hung?.closeAllConnections();
  await new Promise((resolve) => hung?.close(resolve));
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
});

describe('the dqm-square module of the workers', () => {
  it('syncs every registered agent on its own job, publishes job updates, and backs off the hung one', async () => {
    const first = await jobEvents.next();
    expect(first.value.payload.jobs[0]!.hostName).toMatch(/^fu-\d\d$/);
    await waitFor(
      async () => (await db.dqmHost.count({ where: { up: true, lastSyncAt: { not: null } } })) === 6,
      'the six simulated agents synced',
      20_000,
    );
    const hosts = await db.dqmHost.findMany({ orderBy: { createdAt: 'asc' } });
    // Named by the machine their documents report, as pseudonyms.
    expect(hosts.slice(1).map((h) => h.name.replace(/\d+$/, ''))).toEqual([
      'bu-',
      'fu-',
      'fu-',
      'bu-',
      'fu-',
      'fu-',
    ]);
    await waitFor(
      async () => (await db.dqmHost.findFirstOrThrow({ where: { id: hosts[0]!.id } })).error !== null,
      'the hung agent flagged',
      10_000,
    );
    const flagged = await db.dqmHost.findFirstOrThrow({ where: { id: hosts[0]!.id } });
    expect(flagged).toMatchObject({ up: false, error: 'no answer within 1500 ms', failures: 1 });
    // The others kept syncing while it hung: their last syncs are after its first failure began.
    const lastRevs = await db.dqmHost.findMany({ where: { up: true }, select: { lastRev: true } });
    expect(lastRevs.every((h) => h.lastRev > 0n)).toBe(true);
    expect(await db.dqmJob.count()).toBeGreaterThan(0);
    expect(await db.dqmStreamDelivery.count()).toBeGreaterThan(0);
  });
});
