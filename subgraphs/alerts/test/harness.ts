import { createDb, type Db } from '@opshub/db';
import type { EventBus } from '@opshub/events';
import { subgraphHarness, type SubgraphHarness } from '@opshub/testing';
import { buildAlertsSchema, createAlertsServices, type AlertsServices } from '../src/index.js';

export type Harness = SubgraphHarness<AlertsServices, Db>;

/**
 * The alerts schema over a fresh database, executed in-process (subgraphHarness of @opshub/testing);
 * with `events`, ingest publishes and subscriptions read there.
 */
export function startHarness(label: string, events?: EventBus): Promise<Harness> {
  return subgraphHarness({
    label,
    db: (url) => createDb(url, { max: 4 }),
    services: (db, url) => createAlertsServices(db, { databaseUrl: url, ...(events ? { events } : {}) }),
    build: buildAlertsSchema,
    close: (s) => s.close(),
  });
}
