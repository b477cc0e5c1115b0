// DCS: sustained MQTT → Postgres ingest through the real bridge (published vs stored, 0 lost)
// against a raw COPY of the same rows into the same table; then `series` over 10 M readings.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createLogger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { createDcsServices, seedDcsDemo } from '@opshub/dcs';
import { EventBus } from '@opshub/events';
import { createBullConnection } from '@opshub/jobs';
import { createTestDatabase, startMosquitto, testRedisUrl, uniquePrefix } from '@opshub/testing';
import { dcsModule, startWorkers, type DcsRuntime } from '@opshub/workers';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { percentile } from './lib/load.js';
import type { Bench } from './registry.js';

interface DcsBenchResult {
  settings: {
    messages: number;
    seriesRows: number;
    seriesQueries: number;
    bucketSeconds: number;
    windowHours: number;
  };
  ingest: {
    published: number;
    stored: number;
    lost: number;
    seconds: number;
    publishSeconds: number;
    readingsPerSecond: number;
    batches: number;
  };
  /** The bridge's write path without MQTT: IngestService on batches of 5,000 messages (with receipts). */
  writePath: { readings: number; seconds: number; readingsPerSecond: number };
  copy: { rows: number; seconds: number; rowsPerSecond: number };
  ratio: { ingestOverCopy: number; writePathOverCopy: number };
  series: {
    rows: number;
    buildSeconds: number;
    /** One query's plan: served by an index-only scan of reading_series_idx, and its time inside PostgreSQL. */
    indexOnlyScan: boolean;
    heapFetches: number;
    databaseMs: number;
    pointsPerQuery: number;
    latencyMs: { p50: number; p90: number; p99: number; max: number };
  };
}

const METRICS = ['DS/temp', 'BME/temp', 'BME/humi', 'SCD30/co2'];
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function count(pool: pg.Pool): Promise<number> {
  return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM dcs.reading')).rows[0]!.n);
}

async function ingestBench(databaseUrl: string, messages: number) {
  const broker = await startMosquitto();
  const prefix = uniquePrefix('bench-dcs');
  const root = 'bench';
  let runtime: DcsRuntime | undefined;
  const log = createLogger('bench-dcs', 'error');
  const workers = await startWorkers({
    env: {
      DATABASE_URL: databaseUrl,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SESSION_TTL_HOURS: 1,
      WORKER_SHUTDOWN_MS: 10_000,
      LOG_LEVEL: 'silent',
    },
    log,
    modules: [
      dcsModule(
        { databaseUrl, mqttUrl: broker.url, root, julaboPort: '/nonexistent', pollEveryMs: 3_600_000 },
        (r) => (runtime = r),
      ),
    ],
    schedules: [],
  });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const before = await count(pool);
    const publisher = spawn(
      process.execPath,
      [
        '--import',
        '@swc-node/register/esm-register',
        path.join(import.meta.dirname, 'dcs-publisher.ts'),
        broker.url,
        root,
        String(messages),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    publisher.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => publisher.once('exit', resolve));
    if (code !== 0) throw new Error(`the publisher exited with ${code}`);
    const [startedAt, publishSeconds] = out.trim().split(' ').map(Number) as [number, number];
    const deadline = Date.now() + 300_000;
    let stored = 0;
    while ((stored = (await count(pool)) - before) < messages && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    // From the first publish to the last reading stored.
    const seconds = (Date.now() - startedAt) / 1000;
    return {
      published: messages,
      stored,
      lost: messages - stored,
      seconds: round(seconds),
      publishSeconds: round(publishSeconds),
      readingsPerSecond: Math.round(stored / seconds),
      batches: runtime!.bridge.stats.batches,
    };
  } finally {
    await workers.stop();
    await pool.end();
    await broker.stop();
    const connection = createBullConnection(testRedisUrl());
    const keys = await connection.keys(`${prefix}:*`);
    if (keys.length > 0) await connection.del(...keys);
    await connection.quit();
  }
}

/** The bridge's write path alone (parse, COPY, latest, events, alarm rules), without MQTT in front. */
async function writePathBench(databaseUrl: string, messages: number) {
  const db = createDb(databaseUrl, { max: 2 });
  const events = await EventBus.connect(testRedisUrl(), uniquePrefix('bench-dcs-write'));
  const dcs = createDcsServices(db, { databaseUrl, events, log: createLogger('bench-dcs', 'error') });
  try {
    const t0 = performance.now();
    for (let i = 0; i < messages; i += 5_000) {
      const batch = [];
      for (let j = i; j < Math.min(messages, i + 5_000); j++) {
        batch.push({
          topic: `bench/ESP0${(j % 3) + 1}/sensors/${METRICS[j % METRICS.length]}`,
          payload: Buffer.from((20 + (j % 1000) / 100).toFixed(2)),
          receivedAt: new Date(),
          // As the bridge writes them: QoS 1 deliveries with their receipts, in the same transaction.
          packetId: (j % 65_535) + 1,
        });
      }
      await dcs.ingest.ingest('bench', batch, { clientId: 'bench-write-path' });
      // …and deletes them once the PUBACKs are through.
      await dcs.ingest.forget('bench-write-path', batch);
    }
    const seconds = (performance.now() - t0) / 1000;
    return {
      readings: messages,
      seconds: round(seconds, 3),
      readingsPerSecond: Math.round(messages / seconds),
    };
  } finally {
    await dcs.close();
    await events.close();
    await db.$disconnect();
  }
}

async function copyBench(databaseUrl: string, rows: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const client = await pool.connect();
  try {
    const base = Date.now();
    const t0 = performance.now();
    const stream = client.query(copyFrom('COPY dcs.reading (device_id, metric, value, at) FROM STDIN'));
    function* lines(): Generator<string> {
      let chunk = '';
      for (let j = 0; j < rows; j++) {
        chunk += `ESP0${(j % 3) + 1}\t${METRICS[j % METRICS.length]}\t${(20 + (j % 1000) / 100).toFixed(2)}\t${new Date(base + j).toISOString()}\n`;
        if (chunk.length > 64_000) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    await pipeline(Readable.from(lines()), stream);
    const seconds = (performance.now() - t0) / 1000;
    return { rows, seconds: round(seconds, 3), rowsPerSecond: Math.round(rows / seconds) };
  } finally {
    client.release();
    await pool.end();
  }
}

async function seriesBench(databaseUrl: string, queries: number, bucketSeconds: number, windowHours: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const devices = 50;
  const perSeries = 50_000;
  const t0 = performance.now();
  // 50 devices × 4 metrics × 50,000 readings over 30 days (one every ~52 s): 10 M rows.
  await pool.query('TRUNCATE dcs.reading');
  await pool.query(
    `INSERT INTO dcs.reading (device_id, metric, value, at)
     SELECT 'bench-' || d, m, 20 + 5 * sin(s / 500.0) + random(), TIMESTAMPTZ '2026-10-01' + s * interval '51.84 seconds'
     FROM generate_series(1, ${devices}) d, unnest(ARRAY['temperature', 'vMon', 'iMon', 'humidity']) m, generate_series(0, ${perSeries - 1}) s`,
  );
  // Index-only scans need the visibility map: an insert-only table gets it from VACUUM.
  await pool.query('VACUUM ANALYZE dcs.reading');
  const rows = await count(pool);
  const buildSeconds = (performance.now() - t0) / 1000;
  // The plan and the database's own time for one 24 h query: proof that the covering index serves it.
  const explained = await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) SELECT date_bin(interval '${bucketSeconds} seconds', at, TIMESTAMPTZ 'epoch') AS b, min(value), max(value), avg(value), count(*)
     FROM dcs.reading WHERE device_id = 'bench-7' AND metric = 'temperature'
       AND at >= TIMESTAMPTZ '2026-10-15' AND at < TIMESTAMPTZ '2026-10-15' + interval '${windowHours} hours' GROUP BY 1`,
  );
  const plan = explained.rows.map((r) => r['QUERY PLAN']);
  await pool.end();

  const db = createDb(databaseUrl, { max: 2 });
  const events = await EventBus.connect(testRedisUrl(), uniquePrefix('bench-dcs-series'));
  const dcs = createDcsServices(db, { databaseUrl, events, log: createLogger('bench-dcs', 'error') });
  const metrics = ['temperature', 'vMon', 'iMon', 'humidity'];
  const latencies: number[] = [];
  let points = 0;
  const start = Date.parse('2026-10-01T00:00:00Z');
  const span = 30 * 86_400_000 - windowHours * 3_600_000;
  for (let i = 0; i < queries + 20; i++) {
    const device = `bench-${1 + Math.floor(Math.random() * devices)}`;
    const metric = metrics[Math.floor(Math.random() * metrics.length)]!;
    const from = new Date(start + Math.floor(Math.random() * span));
    const to = new Date(from.getTime() + windowHours * 3_600_000);
    const t = performance.now();
    const series = await dcs.readings.series(device, metric, from, to, bucketSeconds);
    if (i >= 20) {
      latencies.push(performance.now() - t);
      points += series.length;
    }
  }
  await dcs.close();
  await events.close();
  await db.$disconnect();
  latencies.sort((a, b) => a - b);
  return {
    rows,
    buildSeconds: round(buildSeconds, 1),
    indexOnlyScan: plan.some((l) => l.includes('Index Only Scan using reading_series_idx')),
    heapFetches: Number(/Heap Fetches: (\d+)/.exec(plan.join('\n'))?.[1] ?? NaN),
    databaseMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan.join('\n'))?.[1] ?? NaN),
    pointsPerQuery: Math.round(points / queries),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1)!),
    },
  };
}

export const dcsBench: Bench<DcsBenchResult> = {
  async run(args) {
    const messages = Number(args[0] ?? 100_000);
    const seriesQueries = 200;
    const bucketSeconds = 60;
    const windowHours = 24;
    const database = await createTestDatabase('benchdcs');
    try {
      const db = createDb(database.url);
      await seedDcsDemo(db);
      await db.$disconnect();
      const ingest = await ingestBench(database.url, messages);
      const writePath = await writePathBench(database.url, messages);
      const copy = await copyBench(database.url, messages);
      // `npm run bench -- dcs <messages> ingest` skips the 10 M-row series part.
      const series =
        args[1] === 'ingest'
          ? {
              rows: 0,
              buildSeconds: 0,
              indexOnlyScan: false,
              heapFetches: NaN,
              databaseMs: NaN,
              pointsPerQuery: 0,
              latencyMs: { p50: NaN, p90: NaN, p99: NaN, max: NaN },
            }
          : await seriesBench(database.url, seriesQueries, bucketSeconds, windowHours);
      return {
        settings: { messages, seriesRows: series.rows, seriesQueries, bucketSeconds, windowHours },
        ingest,
        writePath,
        copy,
        ratio: {
          ingestOverCopy: round(ingest.readingsPerSecond / copy.rowsPerSecond, 3),
          writePathOverCopy: round(writePath.readingsPerSecond / copy.rowsPerSecond, 3),
        },
        series,
      };
    } finally {
      await database.drop();
    }
  },
  summary: (r) =>
    [
      `MQTT → Postgres: ${r.ingest.readingsPerSecond} readings/s (published ${r.ingest.published}, stored ${r.ingest.stored}, lost ${r.ingest.lost}, ${r.ingest.batches} batches)`,
      `write path alone (no MQTT): ${r.writePath.readingsPerSecond} readings/s → ${r.ratio.writePathOverCopy} of COPY`,
      `raw COPY:        ${r.copy.rowsPerSecond} rows/s → MQTT ingest ratio ${r.ratio.ingestOverCopy}`,
      `series over ${r.series.rows} readings (${r.settings.windowHours} h in ${r.settings.bucketSeconds} s buckets, ${r.series.pointsPerQuery} points): p50 ${r.series.latencyMs.p50} ms, p99 ${r.series.latencyMs.p99} ms; in PostgreSQL ${r.series.databaseMs} ms (index-only scan: ${r.series.indexOnlyScan}, heap fetches ${r.series.heapFetches})`,
    ].join('\n'),
};
