import { createLogger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { buildWorkflowSchema } from './schema.js';
import { createWorkflowServices } from './services.js';

/** The subgraph's SDL, built without connecting to anything (for `npm run generate`). */
export async function printSdl(): Promise<string> {
  const db = createDb('postgresql://unused@127.0.0.1:1/unused');
  const events = EventBus.unconnected('redis://127.0.0.1:1', 'sdl');
  return (await buildWorkflowSchema(createWorkflowServices(db, events, createLogger('sdl', 'silent')))).sdl;
}
