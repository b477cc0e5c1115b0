import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import {
  createTestDatabase,
  TEST_SECRET,
  testRedisUrl,
  uniquePrefix,
  type TestDatabase,
} from '@opshub/testing';
import { createDqmServices, type DqmDeps, type DqmSquareServices } from '../src/services.js';

export interface DqmSquareHarness {
  db: Db;
  database: TestDatabase;
  services: (square?: DqmDeps['square']) => DqmSquareServices;
  close(): Promise<void>;
}

/** The DQM² services over a fresh database, their events on the test Redis under a prefix of their own. */
export async function startDqmSquareHarness(label: string): Promise<DqmSquareHarness> {
  const database = await createTestDatabase(label);
  const db = createDb(database.url, { max: 6 });
  const log = createLogger('dqm-square-test', 'silent');
  const events = await EventBus.connect(testRedisUrl(), uniquePrefix(label));
  return {
    db,
    database,
    services: (square) =>
      createDqmServices(db, {
        events,
        log,
        pseudonymKey: TEST_SECRET,
        square: square ?? { timeoutMs: 1_000, batchSize: 50, backoffBaseMs: 60_000 },
      }).square,
    close: async () => {
      await events.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}
