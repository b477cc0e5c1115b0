import { createDb, type Db } from '@opshub/db';
import { subgraphHarness, type SubgraphHarness } from '@opshub/testing';
import { buildAlertsSchema, createAlertsServices, type AlertsServices } from '../src/index.js';

export type Harness = SubgraphHarness<AlertsServices, Db>;

/** The alerts schema over a fresh database, executed in-process (subgraphHarness of @opshub/testing). */
export function startHarness(label: string): Promise<Harness> {
  return subgraphHarness({
    label,
    db: (url) => createDb(url, { max: 4 }),
    services: (db) => createAlertsServices(db),
    build: buildAlertsSchema,
  });
}
