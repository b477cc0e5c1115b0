import type { BuiltSubgraph } from '@opshub/subgraph-kit';
import { createDb } from '@opshub/db';
import { buildOpsSchema } from './schema.js';
import { createOpsServices } from './services.js';

/** The subgraph's schema, built without connecting to anything (SDL emission, schema-wide tests). */
export async function buildOfflineSchema(): Promise<BuiltSubgraph> {
  const db = createDb('postgresql://unused@127.0.0.1:1/unused');
  return buildOpsSchema(createOpsServices(db, { sessionTtlHours: 1 }));
}

/** The subgraph's SDL (for `npm run generate`). */
export async function printSdl(): Promise<string> {
  return (await buildOfflineSchema()).sdl;
}
