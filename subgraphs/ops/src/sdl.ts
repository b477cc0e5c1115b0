import { createDb } from '@opshub/db';
import { buildOpsSchema } from './schema.js';
import { createOpsServices } from './services.js';

/** The subgraph's SDL, built without connecting to anything (for `npm run generate`). */
export async function printSdl(): Promise<string> {
  const db = createDb('postgresql://unused@127.0.0.1:1/unused');
  return (await buildOpsSchema(createOpsServices(db, { sessionTtlHours: 1 }))).sdl;
}
