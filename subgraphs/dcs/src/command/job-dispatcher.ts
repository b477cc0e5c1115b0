import { bullPrefix, createBullConnection, createQueue } from '@opshub/jobs';
import { QueueEvents } from 'bullmq';
import type { ChillerOutcome, DeviceDispatcher } from './device-dispatcher.js';

/** How long a mutation waits for the workers to carry a command out. */
const COMMAND_TIMEOUT_MS = 20_000;

/**
 * The subgraph's way to the devices: each command is a job on the `dcs` queue, run by the workers
 * (they own the MQTT connection and the serial lines); the mutation waits for its result. Commands
 * are never retried: a start replayed a minute later would surprise the operator.
 */
export async function createJobDispatcher(
  redisUrl: string,
  redisPrefix: string,
): Promise<DeviceDispatcher & { close(): Promise<void> }> {
  const connection = createBullConnection(redisUrl);
  const queue = createQueue('dcs', connection, redisPrefix);
  const events = new QueueEvents('dcs', {
    connection: createBullConnection(redisUrl),
    prefix: bullPrefix(redisPrefix),
  });
  await events.waitUntilReady();
  const options = { attempts: 1, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } };
  return {
    caen: async (topic, payload, commandId) => {
      const job = await queue.add('caen-command', { topic, payload, commandId }, options);
      await job.waitUntilFinished(events, COMMAND_TIMEOUT_MS);
    },
    chiller: async (deviceId, action, commandId) => {
      const job = await queue.add('julabo-command', { deviceId, action, commandId }, options);
      return (await job.waitUntilFinished(events, COMMAND_TIMEOUT_MS)) as ChillerOutcome;
    },
    close: async () => {
      await events.close();
      await queue.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
