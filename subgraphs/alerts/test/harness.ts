import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { subgraphHarness, testRedisUrl, uniquePrefix, type SubgraphHarness } from '@opshub/testing';
import { buildAlertsSchema, createAlertsServices, type AlertsServices } from '../src/index.js';

export type Harness = SubgraphHarness<AlertsServices, Db>;

/**
 * The alerts schema over a fresh database, executed in-process (subgraphHarness of @opshub/testing).
 * Ingest publishes and subscriptions read on `events` when given, else on the test Redis under a
 * prefix of the harness's own.
 */
export async function startHarness(label: string, events?: EventBus): Promise<Harness> {
  const bus = events ?? (await EventBus.connect(testRedisUrl(), uniquePrefix(label)));
  const closeBus = async (): Promise<void> => {
    if (!events) await bus.close();
  };
  const log = createLogger(label, 'silent');
  try {
    return await subgraphHarness({
      label,
      db: (url) => createDb(url, { max: 4 }),
      services: (db, url) => createAlertsServices(db, { databaseUrl: url, events: bus, log }),
      build: buildAlertsSchema,
      close: async (s) => {
        await s.close();
        await closeBus();
      },
    });
  } catch (error) {
    await closeBus();
    throw error;
  }
}
