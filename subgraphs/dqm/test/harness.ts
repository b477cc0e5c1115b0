import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { subgraphHarness, testRedisUrl, uniquePrefix, type SubgraphHarness } from '@opshub/testing';
import { buildDqmSchema, createDqmServices, type DqmServices } from '../src/index.js';

export type Harness = SubgraphHarness<DqmServices, Db>;

/**
 * The dqm schema over a fresh database, executed in-process (subgraphHarness of @opshub/testing),
 * its events on the test Redis under a prefix of its own; no DQM² pseudonym key.
 */
export async function startHarness(label: string): Promise<Harness> {
  const events = await EventBus.connect(testRedisUrl(), uniquePrefix(label));
  const log = createLogger(label, 'silent');
  try {
    return await subgraphHarness({
      label,
      db: (url) => createDb(url, { max: 4 }),
      services: (db) => createDqmServices(db, { events, log, pseudonymKey: null }),
      build: buildDqmSchema,
      close: () => events.close(),
    });
  } catch (error) {
    await events.close();
    throw error;
  }
}
