import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createDcsServices, createJobDispatcher, seedDcsDemo, type DcsServices } from '@opshub/dcs';
import { EventBus } from '@opshub/events';
import { createBullConnection } from '@opshub/jobs';
import { startDcsStand, type DcsStand } from '@opshub/simulators/dcs-stand';
import {
  createTestDatabase,
  deleteKeys,
  type TestDatabase,
  testMqttUrl,
  testRedisUrl,
  uniquePrefix,
} from '@opshub/testing';
import { dcsModule, startWorkers, type DcsRuntime, type RunningWorkers } from '../src/index.js';

export interface DcsHarness {
  database: TestDatabase;
  db: Db;
  prefix: string;
  root: string;
  stand: DcsStand;
  workers: RunningWorkers;
  runtime: DcsRuntime;
  /** The services as the subgraph builds them: commands go to the workers as jobs. */
  api: DcsServices;
  events: EventBus;
  close(): Promise<void>;
}

const log = createLogger(
  'dcs-test',
  process.env['TEST_LOG_LEVEL'] === undefined ? 'silent' : (process.env['TEST_LOG_LEVEL'] as 'info'),
);
export const operator = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'operator',
  roles: ['OPERATOR' as const],
};

/** A fresh database with the demo stand registered, the simulated stand, the workers with the dcs module, and the subgraph's services. */
export async function startDcsHarness(
  label: string,
  options: { pollEveryMs?: number; standSpeed?: number } = {},
): Promise<DcsHarness> {
  const database = await createTestDatabase(label);
  const db = createDb(database.url);
  await seedDcsDemo(db);
  const prefix = uniquePrefix(label);
  const root = prefix;
  const stand = await startDcsStand({
    mqttUrl: testMqttUrl(),
    root,
    julabo: { timeConstantSeconds: 20, speed: options.standSpeed ?? 1 },
    caen: { publishMs: 200, hv: { rampUp: 1000, rampDown: 1000 } },
    espPublishMs: 200,
  });
  let runtime: DcsRuntime | undefined;
  const workers = await startWorkers({
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
      dcsModule(
        {
          databaseUrl: database.url,
          mqttUrl: testMqttUrl(),
          root,
          julaboPort: stand.julaboPort,
          timing: { gapMs: 10, timeoutMs: 300 },
          pollEveryMs: options.pollEveryMs ?? 300,
          interlockEveryMs: 100,
        },
        (r) => (runtime = r),
      ),
    ],
    schedules: [],
  });
  const events = await EventBus.connect(testRedisUrl(), prefix);
  const dispatcher = await createJobDispatcher(testRedisUrl(), prefix);
  const api = createDcsServices(db, { databaseUrl: database.url, events, log, dispatcher });
  return {
    database,
    db,
    prefix,
    root,
    stand,
    workers,
    runtime: runtime!,
    api,
    events,
    close: async () => {
      await workers.stop();
      await dispatcher.close();
      await api.close();
      await events.close();
      await stand.close();
      const connection = createBullConnection(testRedisUrl());
      await deleteKeys(connection, prefix);
      await connection.quit();
      await db.$disconnect();
      await database.drop();
    },
  };
}
