import type { BuiltSubgraph } from '@opshub/subgraph-kit';
import { createLogger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { buildWorkflowSchema } from './schema.js';
import { createWorkflowServices } from './services.js';

/** The subgraph's schema, built without connecting to anything (SDL emission, schema-wide tests). */
export async function buildOfflineSchema(): Promise<BuiltSubgraph> {
  const db = createDb('postgresql://unused@127.0.0.1:1/unused');
  const events = EventBus.unconnected('redis://127.0.0.1:1', 'sdl');
  return buildWorkflowSchema(createWorkflowServices(db, events, createLogger('sdl', 'silent')));
}

/** The subgraph's SDL (for `npm run generate`). */
export async function printSdl(): Promise<string> {
  return (await buildOfflineSchema()).sdl;
}
