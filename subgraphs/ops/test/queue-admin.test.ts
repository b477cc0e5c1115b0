// The queue admin beyond retry/remove/pause (queue.test.ts): jobs by state with search and stable
// pages, promote, retry-all-failed, clean by age, logs, per-minute activity and schedulers, each
// mutation audited and refused with a code on bad input, against the machine's Redis.
import { bullPrefix } from '@opshub/jobs';
import { waitFor } from '@opshub/testing';
import { MetricsTime, UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_WINDOW } from '../src/queue/job-list.reader.js';
import { startQueueHarness, type QueueHarness } from './queue-harness.js';

let h: QueueHarness;

beforeAll(async () => {
  h = await startQueueHarness('opsqadmin');
});
afterAll(async () => {
  await h?.close();
});

type Page = {
  jobs: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; name: string; state: string } }[];
  };
};
const JOBS = `query($queue: String!, $state: JobState!, $search: String, $first: Int, $after: String) {
  jobs(queue: $queue, state: $state, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id name state } } } }`;

async function jobs(vars: Record<string, unknown>): Promise<Page['jobs']> {
  const result = await h.exec<Page>('admin', JOBS, vars);
  expect(result.errors).toBeUndefined();
  return result.data!.jobs;
}

async function lastAudit(kind: string): Promise<{ kind: string; target: string | null; detail: unknown }> {
  const page = await h.services.audit.page({ first: 1 }, { kind });
  const node = page.edges[0]?.node;
  if (!node) throw new Error(`no audit entry of kind ${kind}`);
  return { kind: node.kind, target: node.target, detail: node.detail };
}

/** Runs a worker on `queue` that fails every job for good, until `count` jobs have failed. */
async function failJobs(queue: 'workflow-recipe' | 'maintenance', count: number): Promise<void> {
  const worker = new Worker(
    queue,
    async (job) => {
      await job.log(`looking for a recipe for ${JSON.stringify(job.data)}`);
      throw new UnrecoverableError('no recipe for this band');
    },
    {
      connection: h.connection,
      prefix: bullPrefix(h.prefix),
      metrics: { maxDataPoints: MetricsTime.ONE_HOUR },
    },
  );
  await waitFor(async () => (await h.queue(queue).getFailedCount()) >= count, `${count} failed jobs`);
  await worker.close();
}

describe('jobs by state', () => {
  it('pages the waiting jobs newest first, unshifted by jobs added meanwhile, and searches by id and name', async () => {
    const q = h.queue('workflow-ingestion');
    const added = [];
    for (let i = 0; i < 5; i++)
      added.push(await q.add(i % 2 ? 'track-delivery' : 'ingest-products', { ousId: `o${i}` }));
    const ids = added.map((j) => j.id!).reverse();

    const p1 = await jobs({ queue: 'workflow-ingestion', state: 'WAITING', first: 2 });
    expect(p1.totalCount).toBe(5);
    expect(p1.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    await q.add('ingest-products', { ousId: 'late' });
    const p2 = await jobs({
      queue: 'workflow-ingestion',
      state: 'WAITING',
      first: 2,
      after: p1.pageInfo.endCursor,
    });
    expect(p2.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 4));
    expect(p2.edges[0]!.node.state).toBe('WAITING');

    const byName = await jobs({ queue: 'workflow-ingestion', state: 'WAITING', search: 'TRACK' });
    expect(byName.edges.map((e) => e.node.name)).toEqual(['track-delivery', 'track-delivery']);
    const firstMatch = await jobs({
      queue: 'workflow-ingestion',
      state: 'WAITING',
      search: 'track',
      first: 1,
    });
    expect(firstMatch.totalCount).toBe(2);
    const secondMatch = await jobs({
      queue: 'workflow-ingestion',
      state: 'WAITING',
      search: 'track',
      first: 1,
      after: firstMatch.pageInfo.endCursor,
    });
    expect([...firstMatch.edges, ...secondMatch.edges].map((e) => e.node.id)).toEqual(
      byName.edges.map((e) => e.node.id),
    );
    expect(secondMatch.pageInfo.hasNextPage).toBe(false);
    const byId = await jobs({ queue: 'workflow-ingestion', state: 'WAITING', search: ids[3] });
    expect(byId.edges.map((e) => e.node.id)).toEqual([ids[3]]);
    expect((await jobs({ queue: 'workflow-ingestion', state: 'FAILED', search: ids[3] })).totalCount).toBe(0);
  });

  it('finds a job by its exact id beyond the newest SEARCH_WINDOW jobs of the state', async () => {
    const q = h.queue('workflow-demo');
    const oldest = await q.add('track-delivery', { ousId: 'oldest' });
    // Waiting jobs are listed newest first: SEARCH_WINDOW later ones push the first out of the window.
    await q.addBulk(
      Array.from({ length: SEARCH_WINDOW }, (_, i) => ({
        name: 'ingest-products',
        data: { ousId: `n${i}` },
      })),
    );
    const byId = await jobs({ queue: 'workflow-demo', state: 'WAITING', search: oldest.id });
    expect(byId.totalCount).toBe(1);
    expect(byId.edges.map((e) => e.node.id)).toEqual([oldest.id]);
    expect(byId.edges[0]!.node.name).toBe('track-delivery');
    // A name search still reads only the window (the oldest job is out of it).
    expect(
      (await jobs({ queue: 'workflow-demo', state: 'WAITING', search: 'track-delivery' })).totalCount,
    ).toBe(0);
    await q.obliterate({ force: true });
  });

  it('refuses an unknown queue, the UNKNOWN state and a forged cursor with BAD_USER_INPUT', async () => {
    for (const vars of [
      { queue: 'nope', state: 'WAITING' },
      { queue: 'maintenance', state: 'UNKNOWN' },
      { queue: 'maintenance', state: 'WAITING', after: 'bm90IGEgY3Vyc29y' },
      { queue: 'maintenance', state: 'WAITING', first: 0 },
    ]) {
      const result = await h.exec('admin', JOBS, vars);
      expect(result.errors?.[0]?.extensions?.['code'], JSON.stringify(vars)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('admin commands', () => {
  it('shows a failed job with its logs, stack and per-minute failures, then retries every failed job', async () => {
    const q = h.queue('workflow-recipe');
    await q.add('assign-recipe', { ousId: 'uid://A/1' });
    await q.add('assign-recipe', { ousId: 'uid://A/2' });
    await failJobs('workflow-recipe', 2);

    const failed = await jobs({ queue: 'workflow-recipe', state: 'FAILED' });
    expect(failed.totalCount).toBe(2);
    const id = failed.edges[0]!.node.id;
    const seen = await h.exec<{ job: { logs: string[]; stacktrace: string[]; failedReason: string } }>(
      'admin',
      'query($id: ID!) { job(queue: "workflow-recipe", id: $id) { logs stacktrace failedReason } }',
      { id },
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.job.logs[0]).toMatch(/^looking for a recipe for \{"ousId":"uid:\/\/A\/\d"\}$/);
    expect(seen.data!.job.stacktrace[0]).toContain('UnrecoverableError: no recipe for this band');
    const viewer = await h.exec(
      'viewer',
      'query($id: ID!) { job(queue: "workflow-recipe", id: $id) { id logs } }',
      {
        id,
      },
    );
    expect(viewer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const activity = await h.exec<{
      queue: {
        failureRatePerMinute: number;
        activity: { minutes: number; failed: number[]; completed: number[] };
      };
    }>(
      'admin',
      '{ queue(name: "workflow-recipe") { failureRatePerMinute activity(minutes: 10) { minutes failed completed } } }',
    );
    expect(activity.errors).toBeUndefined();
    const a = activity.data!.queue.activity;
    expect(a.failed).toHaveLength(10);
    // Both failures fell in this minute or the one before (a test crossing a minute boundary).
    expect(a.failed.slice(-2).reduce((x, y) => x + y, 0)).toBe(2);
    expect(a.completed).toEqual(Array(10).fill(0));
    expect(activity.data!.queue.failureRatePerMinute).toBe(2 / 5);

    const all = await h.exec('admin', 'mutation { retryAllFailed(queue: "workflow-recipe") }');
    expect(all.data).toEqual({ retryAllFailed: 2 });
    expect(await q.getFailedCount()).toBe(0);
    expect(await q.getWaitingCount()).toBe(2);
    // Attempts are reset, as retryJob does: each job gets its full retries again.
    expect((await q.getJob(id))!.attemptsMade).toBe(0);
    expect(await lastAudit('queue.retry-all-failed')).toEqual({
      kind: 'queue.retry-all-failed',
      target: 'queue:workflow-recipe',
      detail: { retried: 2 },
    });
  });

  it('promotes a delayed job, and refuses to promote or retry a job in the wrong state', async () => {
    const q = h.queue('workflow-tracker');
    const delayed = await q.add('track-delivery', { ousId: 'uid://B/1' }, { delay: 3_600_000 });
    const listed = await jobs({ queue: 'workflow-tracker', state: 'DELAYED' });
    expect(listed.edges.map((e) => e.node.id)).toEqual([delayed.id]);
    const runAt = await h.exec<{ job: { runAt: string } }>(
      'admin',
      'query($id: ID!) { job(queue: "workflow-tracker", id: $id) { runAt } }',
      { id: delayed.id },
    );
    expect(
      Math.abs(new Date(runAt.data!.job.runAt).getTime() - (delayed.timestamp + 3_600_000)),
    ).toBeLessThan(1_000);

    const promoted = await h.exec<{ promoteJob: { state: string } }>(
      'admin',
      'mutation($id: ID!) { promoteJob(queue: "workflow-tracker", id: $id) { state } }',
      { id: delayed.id },
    );
    expect(promoted.errors).toBeUndefined();
    expect(promoted.data!.promoteJob.state).toBe('WAITING');
    expect(await lastAudit('queue.promote')).toMatchObject({
      target: `queue:workflow-tracker/job:${delayed.id}`,
    });

    const again = await h.exec(
      'admin',
      'mutation($id: ID!) { promoteJob(queue: "workflow-tracker", id: $id) { id } }',
      {
        id: delayed.id,
      },
    );
    expect(again.errors?.[0]?.extensions?.['code']).toBe('INVALID_TRANSITION');
    expect(again.errors?.[0]?.message).toBe(
      `Job workflow-tracker/${delayed.id} is WAITING; only delayed jobs can be promoted`,
    );
    const retryWaiting = await h.exec(
      'admin',
      'mutation($id: ID!) { retryJob(queue: "workflow-tracker", id: $id) { id } }',
      {
        id: delayed.id,
      },
    );
    expect(retryWaiting.errors?.[0]?.extensions?.['code']).toBe('INVALID_TRANSITION');
    const unknownJob = await h.exec(
      'admin',
      'mutation { promoteJob(queue: "workflow-tracker", id: "404") { id } }',
    );
    expect(unknownJob.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('cleans jobs of a state older than an age, and refuses active jobs and negative ages', async () => {
    const q = h.queue('maintenance');
    await q.add('prune-sessions', { olderThanHours: 1 });
    await q.add('prune-sessions', { olderThanHours: 2 });
    await failJobs('maintenance', 2);

    const young = await h.exec(
      'admin',
      'mutation { cleanQueue(queue: "maintenance", state: FAILED, olderThanSeconds: 3600) }',
    );
    expect(young.data).toEqual({ cleanQueue: 0 });
    expect(await q.getFailedCount()).toBe(2);
    const cleaned = await h.exec(
      'admin',
      'mutation { cleanQueue(queue: "maintenance", state: FAILED, olderThanSeconds: 0) }',
    );
    expect(cleaned.data).toEqual({ cleanQueue: 2 });
    expect(await q.getFailedCount()).toBe(0);
    expect(await lastAudit('queue.clean')).toEqual({
      kind: 'queue.clean',
      target: 'queue:maintenance',
      detail: { state: 'FAILED', olderThanSeconds: 0, removed: 2 },
    });

    for (const [mutation, argument] of [
      ['mutation { cleanQueue(queue: "maintenance", state: ACTIVE, olderThanSeconds: 0) }', 'state'],
      [
        'mutation { cleanQueue(queue: "maintenance", state: FAILED, olderThanSeconds: -1) }',
        'olderThanSeconds',
      ],
      ['mutation { cleanQueue(queue: "gone", state: FAILED, olderThanSeconds: 1) }', 'queue'],
      ['mutation { retryAllFailed(queue: "gone") }', 'queue'],
    ] as const) {
      const result = await h.exec('admin', mutation);
      expect(result.errors?.[0]?.extensions?.['code'], mutation).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.['argument'], mutation).toBe(argument);
    }
  });

  it('refuses every admin command to a VIEWER with FORBIDDEN, and lets them read schedulers', async () => {
    for (const mutation of [
      'mutation { promoteJob(queue: "maintenance", id: "1") { id } }',
      'mutation { retryAllFailed(queue: "maintenance") }',
      'mutation { cleanQueue(queue: "maintenance", state: COMPLETED, olderThanSeconds: 0) }',
    ]) {
      const result = await h.exec('viewer', mutation);
      expect(result.errors?.[0]?.extensions?.['code'], mutation).toBe('FORBIDDEN');
    }
    await h
      .queue('maintenance')
      .upsertJobScheduler('hourly-retention', { every: 3_600_000 }, { name: 'retention' });
    const result = await h.exec<{
      queue: { schedulers: { id: string; name: string; everyMs: number; nextRun: string }[] };
    }>('viewer', '{ queue(name: "maintenance") { schedulers { id name everyMs pattern nextRun } } }');
    expect(result.errors).toBeUndefined();
    const [scheduler] = result.data!.queue.schedulers;
    expect(scheduler).toMatchObject({
      id: 'hourly-retention',
      name: 'retention',
      everyMs: 3_600_000,
      pattern: null,
    });
    expect(new Date(scheduler!.nextRun).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
