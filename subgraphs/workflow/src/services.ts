import type { Logger } from '@opshub/config';
import type { Db } from '@opshub/db';
import { STREAMS, type EventBus } from '@opshub/events';
import { OutboxRepository } from './outbox/outbox.repository.js';
import { OutboxService } from './outbox/outbox.service.js';
import { OusRepository } from './ous/ous.repository.js';
import { OusService } from './ous/ous.service.js';

export interface WorkflowServices {
  ous: OusService;
  outbox: OutboxService;
}

/** The composition root of the workflow domain, shared by the subgraph and the workers. */
export function createWorkflowServices(db: Db, events: EventBus, log: Logger): WorkflowServices {
  const outbox = new OutboxService(new OutboxRepository(db), events, log);
  const ous = new OusService(new OusRepository(db, STREAMS.ousStateChanged), outbox, events, STREAMS.ousStateChanged);
  return { ous, outbox };
}
