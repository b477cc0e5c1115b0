// The queue admin in headless Chromium against the whole hub, with BullMQ workers on the hub's Redis
// ingesting alert files through the alerts services. A truncated Avro file makes a job that fails
// for real (the ingest refuses the file); the admin reads why on the job's page, repairs the file,
// retries the job from the page and watches it complete, then pauses the queue from the queue page.
// Both actions are then in the audit log, read through GraphQL as the audit page reads it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAlertsServices } from '@opshub/alerts';
import { EventBus } from '@opshub/events';
import { QUEUES } from '@opshub/jobs';
import { startWorkers, type RunningWorkers, type WorkerModule } from '@opshub/workers';
import { UnrecoverableError } from 'bullmq';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useWebHub } from './web-fixture.js';

const web = useWebHub({ label: 'e2e-queues-web' });
let page: Page;
let workers: RunningWorkers;
let dir: string;
const problems: string[] = [];

/**
 * Alert files ingested as `ingest-alert-file` jobs by the alerts services, as the workers' alerts
 * module does (a refused file fails the job for good, with the service's reason).
 */
const alertFiles: WorkerModule = async (registry, deps) => {
  const events = await EventBus.connect(deps.redisUrl, deps.redisPrefix);
  deps.onStop(() => events.close());
  const alerts = createAlertsServices(deps.db, {
    databaseUrl: web.hub.databaseUrl,
    events,
    log: deps.log,
  });
  deps.onStop(() => alerts.close());
  registry.register('ingest-alert-file', async (job) => {
    const result = await alerts.ingest.ingestFile(job.data.path, ({ done, total }) => {
      void job.updateProgress(total ? Math.round((done / total) * 100) : 100);
    });
    if (result.refused) throw new UnrecoverableError(`${result.source} refused: ${result.refused}`);
    return result;
  });
};

interface JobView {
  id: string;
  state: string;
  failedReason: string | null;
  attemptsMade: number;
}

async function jobState(id: string): Promise<JobView | null> {
  const { job } = await web.graphql<{ job: JobView | null }>(
    'admin',
    `query ($id: ID!) { job(queue: "${QUEUES.alertsIngest}", id: $id) { id state failedReason attemptsMade } }`,
    { id },
  );
  return job;
}

beforeAll(async () => {
  page = web.page;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.setViewportSize({ width: 1440, height: 1000 });
  dir = await mkdtemp(path.join(tmpdir(), 'opshub-e2e-queues-'));
  workers = await startWorkers({
    env: {
      DATABASE_URL: web.hub.databaseUrl,
      REDIS_URL: web.hub.redisUrl,
      REDIS_PREFIX: web.hub.redisPrefix,
      SESSION_TTL_HOURS: 1,
      WORKER_SHUTDOWN_MS: 5_000,
      LOG_LEVEL: 'silent',
    },
    modules: [alertFiles],
    schedules: [],
  });
}, 120_000);

afterAll(async () => {
  await workers?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('queue admin', () => {
  it('shows why a job failed, retries it after the cause is fixed, and pauses the queue; both are audited', async () => {
    // An Avro container cut off after its magic and a few bytes of header: the ingest refuses it.
    const file = path.join(dir, 'night-42.avro');
    await writeFile(file, Buffer.concat([Buffer.from('Obj\x01', 'latin1'), Buffer.from([0x04, 0x14])]));
    const job = await workers.queue(QUEUES.alertsIngest).add('ingest-alert-file', { path: file });
    const id = job.id!;
    await expect.poll(async () => (await jobState(id))?.state, { timeout: 30_000 }).toBe('FAILED');
    const failed = (await jobState(id))!;
    expect(failed.failedReason).toContain('refused');

    // The home page's queue card shows the failure and links to the queue, where the job is listed
    // with its reason and opens its page.
    await web.signIn(page, 'admin', '#/');
    await page
      .locator(`[data-testid="queue-card"] tr[data-queue="${QUEUES.alertsIngest}"]`)
      .getByTestId('queue-card-failed')
      .click();
    expect(page.url()).toContain(`#/queues?queue=${QUEUES.alertsIngest}`);
    const row = page.locator(`[data-testid="job-row"][data-job-id="${id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-state')).toBe('FAILED');
    expect(await row.getByTestId('job-reason').textContent()).toBe(failed.failedReason);
    await row.getByTestId('job-link').click();
    await page.locator(`[data-testid="job-page"][data-job-id="${id}"][data-state="FAILED"]`).waitFor();
    expect(await page.getByTestId('job-failed-reason').textContent()).toBe(failed.failedReason);
    expect(await page.getByTestId('job-stack').first().textContent()).toContain('UnrecoverableError');
    expect(await page.getByTestId('job-data').textContent()).toContain(file);

    // The file is replaced by a valid (empty) JSON batch; the admin retries, confirming in the dialog.
    await writeFile(file, '[]');
    await page.getByTestId('job-retry').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain(
      `Run job ${id} (ingest-alert-file) of ${QUEUES.alertsIngest} again`,
    );
    await page.getByTestId('confirm-yes').click();
    await dialog.waitFor({ state: 'hidden' });
    // The job runs again (under a loaded machine's full suite, its turn can take a while), and the page,
    // following it live (jobProgress), shows it completed.
    await expect.poll(async () => (await jobState(id))?.state, { timeout: 90_000 }).toBe('COMPLETED');
    await page
      .locator(`[data-testid="job-page"][data-job-id="${id}"][data-state="COMPLETED"]`)
      .waitFor({ timeout: 30_000 });
    expect(await jobState(id)).toMatchObject({ state: 'COMPLETED', failedReason: null });
    await expect
      .poll(() => page.locator('[data-testid="job-event"][data-event="COMPLETED"]').count())
      .toBe(1);

    // Back on the queue page, the admin pauses the queue; cancelling first changes nothing.
    await page.goto(`${web.hub.url}/#/queues?queue=${QUEUES.alertsIngest}`);
    const queueRow = page.locator(`[data-testid="queue-row"][data-queue="${QUEUES.alertsIngest}"]`);
    await queueRow.waitFor();
    await queueRow.getByTestId('queue-pause').click();
    await page.getByTestId('confirm-no').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await queueRow.getAttribute('data-paused')).toBe('false');
    await queueRow.getByTestId('queue-pause').click();
    await page.getByTestId('confirm-yes').click();
    await page
      .locator(`[data-testid="queue-row"][data-queue="${QUEUES.alertsIngest}"][data-paused="true"]`)
      .waitFor();
    expect(await page.getByTestId('queues-notice').textContent()).toBe(`${QUEUES.alertsIngest} paused`);
    const { queue } = await web.graphql<{ queue: { paused: boolean } }>(
      'viewer',
      `{ queue(name: "${QUEUES.alertsIngest}") { paused } }`,
    );
    expect(queue.paused).toBe(true);

    const { auditLog } = await web.graphql<{
      auditLog: { edges: { node: { kind: string; target: string; actor: { username: string } } }[] };
    }>(
      'admin',
      '{ auditLog(kind: "queue.", first: 10) { edges { node { kind target actor { username } } } } }',
    );
    expect(auditLog.edges.map((e) => e.node)).toEqual([
      { kind: 'queue.pause', target: `queue:${QUEUES.alertsIngest}`, actor: { username: 'admin' } },
      { kind: 'queue.retry', target: `queue:${QUEUES.alertsIngest}/job:${id}`, actor: { username: 'admin' } },
    ]);

    // A nightly import scheduled on the queue shows with its pattern and next run.
    await workers
      .queue(QUEUES.alertsIngest)
      .upsertJobScheduler(
        'nightly-import',
        { pattern: '0 3 * * *' },
        { name: 'ingest-alert-file', data: { path: file } },
      );
    const scheduler = page.locator('[data-testid="scheduler"][data-id="nightly-import"]');
    await scheduler.waitFor({ timeout: 15_000 });
    expect(await scheduler.textContent()).toMatch(/ingest-alert-file\s*cron 0 3 \* \* \*\s*in \d/);
    expect(await queueRow.getByTestId('queue-schedulers').getAttribute('data-count')).toBe('1');
    expect(problems).toEqual([]);
  }, 120_000);

  it('is for ADMINs only: a viewer is told why and has no link to it', async () => {
    const { page: other, close } = await web.isolatedPage();
    try {
      await web.signIn(other, 'viewer', '#/queues');
      await other.getByTestId('queues-refused').waitFor();
      expect(await other.getByTestId('nav-queues').count()).toBe(0);
    } finally {
      await close();
    }
  });
});
