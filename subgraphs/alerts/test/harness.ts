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

/** A small seeded PRNG so a failing case can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
