import { createDb, type Db } from '@opshub/db';
import { HARNESS_USER_ID, subgraphHarness, type SubgraphHarness } from '@opshub/testing';
import { buildDcsSchema, createDcsServices, type DcsServices } from '../src/index.js';

/** The signed-in user of `exec`: an OPERATOR's commands name them as their issuer. */
export const OPERATOR_ID = HARNESS_USER_ID;

export type Harness = SubgraphHarness<DcsServices, Db>;

/** The dcs schema over a fresh database, executed in-process (subgraphHarness of @opshub/testing). */
export function startHarness(label: string): Promise<Harness> {
  return subgraphHarness({
    label,
    db: (url) => createDb(url, { max: 4 }),
    services: (db, databaseUrl) => createDcsServices(db, { databaseUrl }),
    build: buildDcsSchema,
    close: (services) => services.close(),
  });
}
