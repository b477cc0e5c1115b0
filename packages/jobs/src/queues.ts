/** Every BullMQ queue of opshub. Names are the contract between producers and workers. */
export const QUEUES = {
  /** Housekeeping: the outbox relay, session pruning. */
  maintenance: 'maintenance',
  /** Workflow: recipe assignment by the batch helper. */
  workflowRecipe: 'workflow-recipe',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Job names, with the payload each carries. */
export interface JobPayloads {
  /** Relays unpublished outbox rows of every domain to the Redis event streams. */
  'outbox-relay': { olderThanMs: number };
  /** Deletes expired and revoked sessions. */
  'prune-sessions': { olderThanHours: number };
  /** Chooses the processing recipe of an OUS that is ReadyForProcessing. */
  'assign-recipe': { ousId: string };
}

export type JobName = keyof JobPayloads;

/** Which queue each job runs on. */
export const JOB_QUEUE: { [J in JobName]: QueueName } = {
  'outbox-relay': QUEUES.maintenance,
  'prune-sessions': QUEUES.maintenance,
  'assign-recipe': QUEUES.workflowRecipe,
};

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);
