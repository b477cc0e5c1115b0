import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { runWithRequestId } from '@opshub/jobs';
import {
  createTestDatabase,
  deleteKeys,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@opshub/testing';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type RunningWorkers, type WorkerModule } from '../src/index.js';
import { heldRows, insertedRows } from '../src/metrics.query.js';
import { WorkerMetrics } from '../src/metrics.js';

const log = createLogger('workers-test', 'silent');
let database: TestDatabase;
let db: Db;
let prefix: string;
let workers: RunningWorkers;

/** A stand-in domain: recipes are assigned (one run at a time), and a NectarCAM pull whose source is gone. */
const recipes: WorkerModule = (registry) => {
  registry.register('assign-recipe', async (job) => ({
    ousId: job.data.ousId,
    recipe: 'PipelineCalibration',
  }));
  registry.register('nectarcam-pull', async () => {
    throw new UnrecoverableError('the NectarCAM source answered 404');
  });
};

async function scrape(): Promise<string> {
  const res = await fetch(`${workers.metricsUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  return res.text();
}

const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

beforeAll(async () => {
  database = await createTestDatabase('workers-metrics');
  db = createDb(database.url);
  prefix = uniquePrefix('workers-metrics');
  workers = await startWorkers({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SESSION_TTL_HOURS: 1,
      WORKER_SHUTDOWN_MS: 5_000,
      LOG_LEVEL: 'silent',
    },
    log,
    modules: [recipes],
    schedules: [],
    metrics: { port: 0, host: '127.0.0.1' },
  });
}, 60_000);

afterAll(async () => {
  await workers?.stop();
  await db?.$disconnect();
  await database?.drop();
  await deleteKeys(testRedisUrl(), prefix).catch(() => undefined);
});

describe('the workers /metrics', () => {
  it('answers /healthz, and 404 elsewhere', async () => {
    expect((await fetch(`${workers.metricsUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${workers.metricsUrl}/nope`)).status).toBe(404);
  });

  it('times jobs per queue and outcome, and reads queue depths by state', async () => {
    const recipe = workers.queue('workflow-recipe');
    for (let i = 0; i < 3; i++) await recipe.add('assign-recipe', { ousId: `uid://A002/X1/M${i}` });
    await workers.queue('dqm-nectarcam').add('nectarcam-pull', {}, { attempts: 1 });
    await recipe.add('assign-recipe', { ousId: 'uid://A002/X1/later' }, { delay: 3_600_000 });

    const text = await waitFor(async () => {
      const t = await scrape();
      const done = sample(
        t,
        'opshub_job_duration_seconds_count{queue="workflow-recipe",outcome="completed"}',
      );
      const failed = sample(t, 'opshub_job_duration_seconds_count{queue="dqm-nectarcam",outcome="failed"}');
      return done === 3 && failed === 1 ? t : undefined;
    }, 'three completed and one failed job in the histogram');
    expect(
      sample(
        text,
        'opshub_job_duration_seconds_bucket{queue="workflow-recipe",outcome="completed",le="+Inf"}',
      ),
    ).toBe(3);
    expect(sample(text, 'opshub_queue_jobs{queue="workflow-recipe",state="delayed"}')).toBe(1);
    expect(sample(text, 'opshub_queue_jobs{queue="workflow-recipe",state="completed"}')).toBe(3);
    expect(sample(text, 'opshub_queue_jobs{queue="dqm-nectarcam",state="failed"}')).toBe(1);
    expect(sample(text, 'opshub_queue_jobs{queue="alerts-ingest",state="waiting"}')).toBe(0);
    expect(sample(text, 'opshub_queue_paused{queue="workflow-recipe"}')).toBe(0);
    expect(sample(text, 'opshub_metrics_source_up{source="redis"}')).toBe(1);

    await workers.queue('alerts-ingest').pause();
    expect(sample(await scrape(), 'opshub_queue_paused{queue="alerts-ingest"}')).toBe(1);
  });

  it('carries the request id of the enqueuing work into the job', async () => {
    const recipe = workers.queue('workflow-recipe');
    const job = await runWithRequestId('req-0123456789', () =>
      recipe.add('assign-recipe', { ousId: 'uid://A002/X1/traced' }),
    );
    expect((job.opts as { requestId?: string }).requestId).toBe('req-0123456789');
    const bulk = await runWithRequestId('req-bulk-0123456789', () =>
      recipe.addBulk([{ name: 'assign-recipe', data: { ousId: 'uid://A002/X1/bulk' } }]),
    );
    expect((bulk[0]!.opts as { requestId?: string }).requestId).toBe('req-bulk-0123456789');
    const untraced = await recipe.add('assign-recipe', { ousId: 'uid://A002/X1/untraced' });
    expect((untraced.opts as { requestId?: string }).requestId).toBeUndefined();
  });

  it('counts rows stored and refused records from the database', async () => {
    const before = await scrape();
    expect(sample(before, 'opshub_ingested_total{kind="readings"}')).toBe(0);
    expect(sample(before, 'opshub_rejected_records{kind="dcs_dead_letters"}')).toBe(0);
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO dcs.reading (device_id, metric, value, at)
         SELECT 'caen-1', 'vmon', g, now() - g * interval '1 second' FROM generate_series(1, 250) g`,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO dcs.dead_letter (topic, payload, reason)
         VALUES ('caen/1/vmon', 'garbage', 'not JSON'), ('x', 'y', 'unknown topic')`,
      );
      // A backend publishes its table counters at most once a second, and an idle one only after 10 s:
      // this one publishes at its commit (PostgreSQL 15+), so the test need not wait for that.
      await tx.$queryRawUnsafe('SELECT pg_stat_force_next_flush()::text');
    });
    const text = await waitFor(async () => {
      const t = await scrape();
      return sample(t, 'opshub_ingested_total{kind="readings"}') === 250 ? t : undefined;
    }, 'the readings counter');
    expect(sample(text, 'opshub_rejected_total{kind="dcs_dead_letters"}')).toBe(2);
    expect(sample(text, 'opshub_rejected_records{kind="dcs_dead_letters"}')).toBe(2);
    expect(sample(text, 'opshub_ingested_total{kind="alerts"}')).toBe(0);
    expect(sample(text, 'opshub_rejected_records{kind="dqm_quarantine"}')).toBe(0);
    expect(sample(text, 'opshub_metrics_source_up{source="postgres"}')).toBe(1);
  });
});

describe('a scrape that cannot read the database', () => {
  it('leaves its series out (source_up 0) instead of repeating the last figures', async () => {
    let reading: Db = db;
    // A real client of a database that is not there: nothing listens on port 1.
    const unreachable = createDb('postgresql://postgres@127.0.0.1:1/opshub');
    const metrics = new WorkerMetrics({
      tables: { inserted: (t) => insertedRows(reading, t), held: (t) => heldRows(reading, t) },
      redisUrl: testRedisUrl(),
      redisPrefix: prefix,
      log,
    });
    try {
      const up = await metrics.render();
      expect(sample(up, 'opshub_metrics_source_up{source="postgres"}')).toBe(1);
      expect(sample(up, 'opshub_ingested_total{kind="readings"}')).toBeDefined();
      reading = unreachable;
      const down = await metrics.render();
      expect(sample(down, 'opshub_metrics_source_up{source="postgres"}')).toBe(0);
      expect(sample(down, 'opshub_ingested_total{kind="readings"}')).toBeUndefined();
      expect(sample(down, 'opshub_rejected_total{kind="dcs_dead_letters"}')).toBeUndefined();
      expect(sample(down, 'opshub_rejected_records{kind="dcs_dead_letters"}')).toBeUndefined();
      // Redis could still be read: its series stay.
      expect(sample(down, 'opshub_metrics_source_up{source="redis"}')).toBe(1);
      expect(sample(down, 'opshub_queue_paused{queue="workflow-recipe"}')).toBe(0);
    } finally {
      await metrics.close();
      await unreachable.$disconnect();
    }
  });
});
