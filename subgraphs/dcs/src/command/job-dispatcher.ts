import {
  bullPrefix,
  createBullConnection,
  createProducerConnection,
  createQueue,
  DEFAULT_ENQUEUE_TIMEOUT_MS,
  withRedisDeadline,
  type JobName,
  type JobPayloads,
} from '@opshub/jobs';
import { Job, QueueEvents } from 'bullmq';
import {
  DispatchFailedError,
  DispatchTimeoutError,
  type ChillerOutcome,
  type DeviceDispatcher,
} from './device-dispatcher.js';

export interface JobDispatcherOptions {
  /**
   * How long to keep waiting, past the deadline, for a command a worker had already taken (it checked
   * the deadline before sending; its outcome is on its way). Default 3,000 ms: with the default
   * 20 s deadline the mutation answers within 23 s, inside the gateway's mutation timeout.
   */
  activeGraceMs?: number;
  /** An enqueue Redis has not taken within this fails with SERVICE_UNAVAILABLE (default 2,000 ms). */
  enqueueTimeoutMs?: number;
}

type CommandJob = 'caen-command' | 'julabo-command';

/**
 * The subgraph's way to the devices: each command is a job on the `dcs` queue (job id = command id),
 * run by the workers (they own the MQTT connection and the serial lines); the mutation waits for its
 * result until the command's deadline. Commands are never retried, and never sent after their deadline:
 * when the wait ends the job is removed from the queue; a job a worker already holds is the worker's
 * to decide (it checks the deadline right before the wire).
 */
export async function createJobDispatcher(
  redisUrl: string,
  redisPrefix: string,
  options: JobDispatcherOptions = {},
): Promise<DeviceDispatcher & { close(): Promise<void> }> {
  // Fail-fast for the request's own calls (enqueue, state, removal); the blocking events reader waits.
  const enqueueTimeoutMs = options.enqueueTimeoutMs ?? DEFAULT_ENQUEUE_TIMEOUT_MS;
  const connection = createProducerConnection(redisUrl, { commandTimeoutMs: enqueueTimeoutMs });
  const queue = createQueue('dcs', connection, redisPrefix);
  const events = new QueueEvents('dcs', {
    connection: createBullConnection(redisUrl),
    prefix: bullPrefix(redisPrefix),
  });
  await events.waitUntilReady();
  const graceMs = options.activeGraceMs ?? 3_000;
  const jobOptions = { attempts: 1, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } };

  /** The job's end, if it has one: its return value, or its failure thrown. */
  const ended = async (id: string): Promise<{ value: unknown } | null> => {
    const state = await queue.getJobState(id);
    if (state !== 'completed' && state !== 'failed') return null;
    const job = await Job.fromId(queue, id);
    if (state === 'failed') throw new DispatchFailedError(job?.failedReason ?? 'the command job failed');
    return { value: job?.returnvalue };
  };

  const wait = async (job: Job, ms: number): Promise<{ value: unknown } | null> => {
    try {
      return { value: (await job.waitUntilFinished(events, Math.max(1, ms))) as unknown };
    } catch {
      // A failure or the wait's own timeout: the job's state says which.
      return ended(job.id!);
    }
  };

  const dispatch = async <J extends CommandJob>(name: J, data: JobPayloads[J], notAfter: Date) => {
    const started = Date.now();
    // A late enqueue (after SERVICE_UNAVAILABLE) is harmless: the row is settled, a worker will not send it.
    const job = await withRedisDeadline(
      `enqueue ${name}`,
      () => queue.add(name satisfies JobName, data, { ...jobOptions, jobId: data.commandId }),
      enqueueTimeoutMs,
    );
    const done = await wait(job, notAfter.getTime() - Date.now());
    if (done) return done.value;
    // The deadline has come: withdraw the command. A job a worker holds is locked and stays.
    if ((await queue.remove(job.id!)) === 1) throw new DispatchTimeoutError(true, Date.now() - started);
    const late = await wait(job, graceMs);
    if (late) return late.value;
    throw new DispatchTimeoutError(false, Date.now() - started);
  };

  return {
    caen: async (topic, payload, commandId, notAfter) => {
      await dispatch(
        'caen-command',
        { topic, payload, commandId, notAfter: notAfter.toISOString() },
        notAfter,
      );
    },
    chiller: async (deviceId, action, commandId, notAfter) =>
      (await dispatch(
        'julabo-command',
        { deviceId, action, commandId, notAfter: notAfter.toISOString() },
        notAfter,
      )) as ChillerOutcome,
    close: async () => {
      await events.close();
      await queue.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
