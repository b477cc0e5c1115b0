import { bullPrefix } from '@opshub/jobs';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@opshub/testing';
import { startQueueHarness, type QueueHarness } from './queue-harness.js';

let h: QueueHarness;
let failedId: string;
let doneId: string;

beforeAll(async () => {
  h = await startQueueHarness('opsqueuepriv');
  const failing = await h
    .queue('workflow-recipe')
    .add('assign-recipe', { ousId: 'uid://A001/X7/X1' }, { attempts: 1 });
  const done = await h.queue('maintenance').add('prune-sessions', { olderThanHours: 1 });
  const workers = [
    new Worker(
      'workflow-recipe',
      async () => {
        throw new Error('connect ECONNREFUSED 10.0.3.7:5432');
      },
      { connection: h.connection, prefix: bullPrefix(h.prefix) },
    ),
    new Worker('maintenance', async () => ({ pruned: 3, host: 'db-1.internal' }), {
      connection: h.connection,
      prefix: bullPrefix(h.prefix),
    }),
  ];
  await waitFor(
    async () =>
      (await h.queue('workflow-recipe').getJobState(failing.id!)) === 'failed' &&
      (await h.queue('maintenance').getJobState(done.id!)) === 'completed',
    'one failed and one completed job',
  );
  await Promise.all(workers.map((w) => w.close()));
  failedId = failing.id!;
  doneId = done.id!;
  await h.services.failedJobs.record({
    queue: 'workflow-recipe',
    jobId: failedId,
    name: 'assign-recipe',
    data: { ousId: 'uid://A001/X7/X1' },
    reason: 'connect ECONNREFUSED 10.0.3.7:5432',
    stack:
      'Error: connect ECONNREFUSED 10.0.3.7:5432\n    at JulaboDriver.poll (/app/workers/src/dcs/julabo-driver.ts:94:7)',
    attemptsMade: 1,
  });
});
afterAll(async () => {
  await h?.close();
});

const JOBS = `query($failed: ID!, $done: ID!) {
  failed: job(queue: "workflow-recipe", id: $failed) { id state failedReason stacktrace data }
  done: job(queue: "maintenance", id: $done) { id state returnValue }
}`;
const FAILED_JOBS = `{ queue(name: "workflow-recipe") { name failedJobs(first: 5) { edges { node { jobId reason stack data } } } } }`;

const forbiddenPaths = (
  errors: readonly { extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[] = [],
) => errors.map((e) => [e.extensions?.['code'], (e.path ?? []).join('.')]).sort();

describe('job internals are for ADMINs only', () => {
  it('gives a VIEWER the job without its stack traces, payload and return value (null + FORBIDDEN)', async () => {
    const seen = await h.exec<Record<string, Record<string, unknown>>>('viewer', JOBS, {
      failed: failedId,
      done: doneId,
    });
    expect(seen.data).toEqual({
      failed: {
        id: failedId,
        state: 'FAILED',
        failedReason: 'connect ECONNREFUSED 10.0.3.7:5432',
        stacktrace: null,
        data: null,
      },
      done: { id: doneId, state: 'COMPLETED', returnValue: null },
    });
    expect(forbiddenPaths(seen.errors)).toEqual([
      ['FORBIDDEN', 'done.returnValue'],
      ['FORBIDDEN', 'failed.data'],
      ['FORBIDDEN', 'failed.stacktrace'],
    ]);
  });

  it('refuses failedJobs to a VIEWER with FORBIDDEN, the queue still resolving', async () => {
    const seen = await h.exec('viewer', FAILED_JOBS);
    expect(seen.data).toEqual({ queue: { name: 'workflow-recipe', failedJobs: null } });
    expect(forbiddenPaths(seen.errors)).toEqual([['FORBIDDEN', 'queue.failedJobs']]);
  });

  it('gives an ADMIN everything', async () => {
    const jobs = await h.exec<Record<string, Record<string, unknown>>>('admin', JOBS, {
      failed: failedId,
      done: doneId,
    });
    expect(jobs.errors).toBeUndefined();
    expect(jobs.data!['failed']!['stacktrace']).toEqual([expect.stringContaining('ECONNREFUSED 10.0.3.7')]);
    expect(jobs.data!['failed']!['data']).toEqual({ ousId: 'uid://A001/X7/X1' });
    expect(jobs.data!['done']!['returnValue']).toEqual({ pruned: 3, host: 'db-1.internal' });
    const failed = await h.exec<{ queue: { failedJobs: { edges: { node: Record<string, unknown> }[] } } }>(
      'admin',
      FAILED_JOBS,
    );
    expect(failed.errors).toBeUndefined();
    expect(failed.data!.queue.failedJobs.edges.map((e) => e.node)).toEqual([
      {
        jobId: failedId,
        reason: 'connect ECONNREFUSED 10.0.3.7:5432',
        stack: expect.stringContaining('julabo-driver.ts'),
        data: { ousId: 'uid://A001/X7/X1' },
      },
    ]);
  });
});
