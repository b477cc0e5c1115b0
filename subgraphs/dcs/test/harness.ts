import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import {
  HARNESS_USER_ID,
  subgraphHarness,
  testRedisUrl,
  uniquePrefix,
  type SubgraphHarness,
} from '@opshub/testing';
import { buildDcsSchema, createDcsServices, type DcsServices } from '../src/index.js';

/** The signed-in user of `exec`: an OPERATOR's commands name them as their issuer. */
export const OPERATOR_ID = HARNESS_USER_ID;

export type Harness = SubgraphHarness<DcsServices, Db> & {
  /** The services' event bus (the test Redis, a prefix of the harness's own). */
  events: EventBus;
};

/**
 * The dcs schema over a fresh database, executed in-process (subgraphHarness of @opshub/testing),
 * its events on the test Redis under a prefix of its own.
 */
export async function startHarness(label: string): Promise<Harness> {
  const events = await EventBus.connect(testRedisUrl(), uniquePrefix(label));
  const log = createLogger(label, 'silent');
  try {
    const h = await subgraphHarness({
      label,
      db: (url) => createDb(url, { max: 4 }),
      services: (db, databaseUrl) => createDcsServices(db, { databaseUrl, events, log }),
      build: buildDcsSchema,
      close: async (services) => {
        await services.close();
        await events.close();
      },
    });
    return { ...h, events };
  } catch (error) {
    await events.close();
    throw error;
  }
}
