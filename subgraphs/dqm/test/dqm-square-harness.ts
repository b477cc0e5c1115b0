import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from '@opshub/testing';
import { createDqmServices, type DqmDeps, type DqmSquareServices } from '../src/services.js';

export interface DqmSquareHarness {
  db: Db;
  database: TestDatabase;
  services: (square?: DqmDeps['square']) => DqmSquareServices;
  close(): Promise<void>;
}

/** The DQM² services over a fresh database; events go nowhere (their outbox rows stay for the relay). */
export async function startDqmSquareHarness(label: string): Promise<DqmSquareHarness> {
  const database = await createTestDatabase(label);
  const db = createDb(database.url, { max: 6 });
  const log = createLogger('dqm-square-test', 'silent');
  return {
    db,
    database,
    services: (square) =>
      createDqmServices(db, {
        log,
        pseudonymKey: TEST_SECRET,
        square: square ?? { timeoutMs: 1_000, batchSize: 50, backoffBaseMs: 60_000 },
      }).square,
    close: async () => {
      await db.$disconnect();
      await database.drop();
    },
  };
}
