import { createBullConnection, createQueue, type QueueName } from '@opshub/jobs';
import { bullWorkflowJobs, type WorkflowJobs } from './workflow-jobs.js';

/** A BullMQ producer for the subgraph's follow-up jobs: one connection, one Queue per queue used. */
export function queueProducer(
  redisUrl: string,
  redisPrefix: string,
): { jobs: WorkflowJobs; close(): Promise<void> } {
  const connection = createBullConnection(redisUrl);
  const queues = new Map<QueueName, ReturnType<typeof createQueue>>();
  const queue = (name: QueueName): ReturnType<typeof createQueue> => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = createQueue(name, connection, redisPrefix)));
    return q;
  };
  return {
    jobs: bullWorkflowJobs(queue),
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await connection.quit().catch(() => undefined);
    },
  };
}
