import { ALL_QUEUES } from '@opshub/jobs';
import { UnrecoverableError, Worker } from 'bullmq';
import { bullPrefix } from '@opshub/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@opshub/testing';
import { startQueueHarness, type QueueHarness } from './queue-harness.js';

let h: QueueHarness;

beforeAll(async () => {
  h = await startQueueHarness('opsqueue');
});
afterAll(async () => {
  await h?.close();
});

interface QueueView {
  name: string;
  paused: boolean;
  counts: { waiting: number; active: number; completed: number; failed: number; delayed: number };
}

async function queues(as: 'admin' | 'viewer' = 'viewer'): Promise<QueueView[]> {
  const result = await h.exec<{ queues: QueueView[] }>(
    as,
    '{ queues { name paused counts { waiting active completed failed delayed } } }',
  );
  expect(result.errors).toBeUndefined();
  return result.data!.queues;
}

describe('queues', () => {
  it('lists every queue with live counts', async () => {
    const pause = await h.exec('admin', 'mutation { pauseQueue(name: "maintenance") { name paused } }');
    expect(pause.errors).toBeUndefined();
    expect(pause.data).toEqual({ pauseQueue: { name: 'maintenance', paused: true } });

    for (let i = 0; i < 3; i++) await h.queue('maintenance').add('prune-sessions', { olderThanHours: 24 });
    await h.queue('maintenance').add('prune-sessions', { olderThanHours: 24 }, { delay: 60_000 });

    const all = await queues();
    expect(all.map((q) => q.name)).toEqual([...ALL_QUEUES]);
    expect(all[0]).toEqual({
      name: 'maintenance',
      paused: true,
      counts: { waiting: 3, active: 0, completed: 0, failed: 0, delayed: 1 },
    });
    expect(all[1]).toMatchObject({ name: 'workflow-recipe', paused: false });

    const resume = await h.exec('admin', 'mutation { resumeQueue(name: "maintenance") { name paused } }');
    expect(resume.data).toEqual({ resumeQueue: { name: 'maintenance', paused: false } });
    expect((await queues())[0]!.paused).toBe(false);

    const audit = await h.exec<{
      auditLog: { edges: { node: { kind: string; target: string; actor: { username: string } } }[] };
    }>('admin', '{ auditLog(kind: "queue.") { edges { node { kind target actor { username } } } } }');
    expect(audit.data!.auditLog.edges.map((e) => e.node)).toEqual([
      { kind: 'queue.resume', target: 'queue:maintenance', actor: { username: 'queue-admin' } },
      { kind: 'queue.pause', target: 'queue:maintenance', actor: { username: 'queue-admin' } },
    ]);
  });

  it('refuses queue mutations to a VIEWER with FORBIDDEN', async () => {
    for (const mutation of [
      'mutation { pauseQueue(name: "maintenance") { paused } }',
      'mutation { resumeQueue(name: "maintenance") { paused } }',
      'mutation { retryJob(queue: "maintenance", id: "1") { id } }',
      'mutation { removeJob(queue: "maintenance", id: "1") }',
    ]) {
      const result = await h.exec('viewer', mutation);
      expect(result.errors?.[0]?.extensions?.['code'], mutation).toBe('FORBIDDEN');
    }
    expect((await queues('viewer'))[0]!.paused).toBe(false);
  });

  it('names the known queues for an unknown one, and gives NOT_FOUND for an unknown job', async () => {
    const unknown = await h.exec('admin', 'mutation { pauseQueue(name: "nope") { paused } }');
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.message).toBe(
      `Unknown queue "nope"; the queues are: ${ALL_QUEUES.join(', ')}`,
    );

    const missing = await h.exec(
      'admin',
      'mutation { retryJob(queue: "workflow-recipe", id: "404") { id } }',
    );
    expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const missingRemove = await h.exec(
      'admin',
      'mutation { removeJob(queue: "workflow-recipe", id: "404") }',
    );
    expect(missingRemove.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');

    const none = await h.exec('viewer', '{ job(queue: "workflow-recipe", id: "404") { id } }');
    expect(none.errors).toBeUndefined();
    expect(none.data).toEqual({ job: null });
  });

  it('shows a failed job, retries it and removes it', async () => {
    const job = await h.queue('workflow-recipe').add('assign-recipe', { ousId: 'uid://A001/X9/X1' });
    const worker = new Worker(
      'workflow-recipe',
      async () => {
        throw new UnrecoverableError('no recipe for this band');
      },
      { connection: h.connection, prefix: bullPrefix(h.prefix) },
    );
    await waitFor(
      async () => (await h.queue('workflow-recipe').getJobState(job.id!)) === 'failed',
      'the job to fail',
    );
    await worker.close();

    const JOB =
      'query($id: ID!) { job(queue: "workflow-recipe", id: $id) { id queue name state attemptsMade maxAttempts failedReason data createdAt finishedAt } }';
    // `data` is ADMIN-only (queue-privacy.test.ts covers what a VIEWER gets).
    const seen = await h.exec<{ job: Record<string, unknown> }>('admin', JOB, { id: job.id });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.job).toMatchObject({
      id: job.id,
      queue: 'workflow-recipe',
      name: 'assign-recipe',
      state: 'FAILED',
      attemptsMade: 1,
      maxAttempts: 5,
      failedReason: 'no recipe for this band',
      data: { ousId: 'uid://A001/X9/X1' },
    });
    // As a client reads it: DateTime values are ISO strings on the wire.
    expect(JSON.parse(JSON.stringify(seen.data!.job)).finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const retried = await h.exec<{ retryJob: { state: string; attemptsMade: number } }>(
      'admin',
      'mutation($id: ID!) { retryJob(queue: "workflow-recipe", id: $id) { state attemptsMade } }',
      { id: job.id },
    );
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryJob).toEqual({ state: 'WAITING', attemptsMade: 0 });

    const again = await h.exec(
      'admin',
      'mutation($id: ID!) { retryJob(queue: "workflow-recipe", id: $id) { state } }',
      {
        id: job.id,
      },
    );
    expect(again.errors?.[0]?.extensions?.['code']).toBe('INVALID_TRANSITION');

    const removed = await h.exec(
      'admin',
      'mutation($id: ID!) { removeJob(queue: "workflow-recipe", id: $id) }',
      { id: job.id },
    );
    expect(removed.data).toEqual({ removeJob: true });
    expect((await h.exec('viewer', JOB, { id: job.id })).data).toEqual({ job: null });

    const audit = await h.services.audit.page({ first: 2 }, { kind: 'queue.re' });
    expect(audit.edges.map((e) => [e.node.kind, e.node.target])).toEqual([
      ['queue.remove', `queue:workflow-recipe/job:${job.id}`],
      ['queue.retry', `queue:workflow-recipe/job:${job.id}`],
    ]);
  });

  it('resolves Job entities by queue and id for other subgraphs', async () => {
    const job = await h.queue('maintenance').add('prune-sessions', { olderThanHours: 1 });
    const result = await h.exec<{ _entities: unknown[] }>(
      'viewer',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Job { queue id name state } } }',
      {
        r: [
          { __typename: 'Job', queue: 'maintenance', id: job.id },
          { __typename: 'Job', queue: 'gone', id: '1' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { queue: 'maintenance', id: job.id, name: 'prune-sessions', state: 'WAITING' },
      null,
    ]);
  });

  it('pages failedJobs newest first with stable cursors', async () => {
    for (const id of ['f1', 'f2', 'f3']) {
      await h.services.failedJobs.record({
        queue: 'maintenance',
        jobId: id,
        name: 'prune-sessions',
        data: { olderThanHours: 1 },
        reason: `reason ${id}`,
        attemptsMade: 5,
      });
    }
    const PAGE =
      'query($after: String) { queues { name failedJobs(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { jobId reason } } } } }';
    type Page = {
      queues: {
        name: string;
        failedJobs: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { jobId: string } }[];
        };
      }[];
    };
    // failedJobs is ADMIN-only (queue-privacy.test.ts).
    const first = await h.exec<Page>('admin', PAGE);
    const p1 = first.data!.queues[0]!.failedJobs;
    expect(p1.totalCount).toBe(3);
    expect(p1.edges.map((e) => e.node.jobId)).toEqual(['f3', 'f2']);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    // A failure recorded between pages does not shift the next page.
    await h.services.failedJobs.record({
      queue: 'maintenance',
      jobId: 'f4',
      name: 'prune-sessions',
      data: {},
      reason: 'late',
      attemptsMade: 1,
    });
    const second = await h.exec<Page>('admin', PAGE, { after: p1.pageInfo.endCursor });
    const p2 = second.data!.queues[0]!.failedJobs;
    expect(p2.edges.map((e) => e.node.jobId)).toEqual(['f1']);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect(second.data!.queues[1]!.failedJobs.totalCount).toBe(0);
  });
});
