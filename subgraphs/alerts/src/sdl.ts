import { createDb } from '@opshub/db';
import type { BuiltSubgraph } from '@opshub/subgraph-kit';
import { buildAlertsSchema } from './schema.js';
import { createAlertsServices } from './services.js';

/** The subgraph's schema, built without connecting to anything (SDL emission, schema-wide tests). */
export async function buildOfflineSchema(): Promise<BuiltSubgraph> {
  return buildAlertsSchema(createAlertsServices(createDb('postgresql://unused@127.0.0.1:1/unused')));
}

/** The subgraph's SDL (for `npm run generate`). */
export async function printSdl(): Promise<string> {
  return (await buildOfflineSchema()).sdl;
}
