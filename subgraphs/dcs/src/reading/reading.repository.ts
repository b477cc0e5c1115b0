import type { Db } from '@opshub/db';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { SqlPool } from '@opshub/db';

export interface ReadingRow {
  deviceId: string;
  metric: string;
  value: number;
  at: Date;
}

/** One metric of one device summarised over a range (a DQM run's conditions). */
export interface ConditionRow {
  deviceId: string;
  metric: string;
  min: number;
  max: number;
  avg: number;
  count: number;
}

export interface SeriesRow {
  at: Date;
  min: number;
  max: number;
  avg: number;
  count: number;
}

/** COPY text format: backslash, tab and newlines must be escaped. */
const escapeCopy = (s: string): string =>
  s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/**
 * Appends readings on `client` (inside the caller's transaction): COPY into `dcs.reading`, then the
 * newest value of each (device, metric) into `dcs.latest_reading`.
 */
export async function copyReadings(client: pg.ClientBase, rows: readonly ReadingRow[]): Promise<void> {
  if (rows.length === 0) return;
  const copy = client.query(copyFrom('COPY dcs.reading (device_id, metric, value, at) FROM STDIN'));
  const lines = function* (): Generator<string> {
    let chunk = '';
    for (const r of rows) {
      chunk += `${escapeCopy(r.deviceId)}\t${escapeCopy(r.metric)}\t${r.value}\t${r.at.toISOString()}\n`;
      if (chunk.length > 64_000) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  };
  await pipeline(Readable.from(lines()), copy);
  // The newest value of each (device, metric) in this batch, kept for `Device.latest`.
  const newest = new Map<string, ReadingRow>();
  for (const r of rows) {
    const key = `${r.deviceId}\u0000${r.metric}`;
    const seen = newest.get(key);
    if (!seen || seen.at <= r.at) newest.set(key, r);
  }
  const last = [...newest.values()];
  await client.query(
    `INSERT INTO dcs.latest_reading (device_id, metric, value, at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::timestamptz[])
     ON CONFLICT (device_id, metric) DO UPDATE SET value = EXCLUDED.value, at = EXCLUDED.at
     WHERE dcs.latest_reading.at <= EXCLUDED.at`,
    [last.map((r) => r.deviceId), last.map((r) => r.metric), last.map((r) => r.value), last.map((r) => r.at)],
  );
}

export class ReadingRepository {
  constructor(
    private readonly db: Db,
    private readonly pool: SqlPool,
  ) {}

  /** Appends readings with COPY (the fastest path into PostgreSQL), in one transaction with `latest`. */
  async insert(rows: readonly ReadingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.transaction((client) => copyReadings(client, rows));
  }

  /**
   * Runs `work` in one transaction on one connection of the bulk pool (COPY needs a plain client):
   * committed when it resolves, rolled back when it throws.
   */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      // A connection that could not even roll back is not given to the next batch.
      client.release(broken);
    }
  }

  /** The bulk pool, for statements outside a transaction (receipts cleanup). */
  get sql(): SqlPool {
    return this.pool;
  }

  latestOf(deviceIds: readonly string[]): Promise<ReadingRow[]> {
    return this.db.latestReading.findMany({
      where: { deviceId: { in: [...deviceIds] } },
      orderBy: [{ deviceId: 'asc' }, { metric: 'asc' }],
    });
  }

  all(): Promise<ReadingRow[]> {
    return this.db.latestReading.findMany();
  }

  /**
   * Buckets of `bucketSeconds` between `from` (inclusive) and `to` (exclusive), aligned on the Unix
   * epoch. One index-only range scan of `reading_series_idx`; the rows come back as one JSON text
   * so node-pg decodes a single value instead of thousands of rows.
   */
  async series(
    deviceId: string,
    metric: string,
    from: Date,
    to: Date,
    bucketSeconds: number,
  ): Promise<SeriesRow[]> {
    const { rows } = await this.pool.query<{ points: string }>(
      `SELECT coalesce(json_agg(json_build_array(extract(epoch FROM b) * 1000, mn, mx, av, n) ORDER BY b), '[]')::text AS points
       FROM (
         SELECT date_bin(make_interval(secs => $5), at, TIMESTAMPTZ 'epoch') AS b,
                min(value) AS mn, max(value) AS mx, avg(value) AS av, count(*) AS n
         FROM dcs.reading
         WHERE device_id = $1 AND metric = $2 AND at >= $3 AND at < $4
         GROUP BY 1
       ) s`,
      [deviceId, metric, from, to, bucketSeconds],
    );
    const points = JSON.parse(rows[0]?.points ?? '[]') as [number, number, number, number, number][];
    return points.map(([at, min, max, avg, count]) => ({ at: new Date(at), min, max, avg, count }));
  }

  /**
   * The readings of devices of `kinds` (and of `metrics`, when given) between `from` (inclusive) and
   * `to` (exclusive), oldest first, at most `limit`: one range scan of `reading_series_idx` per
   * (device, metric) pair of `latest_reading`, merged by time.
   */
  async readingsBetween(
    from: Date,
    to: Date,
    kinds: readonly string[],
    metrics: readonly string[] | null,
    limit: number,
  ): Promise<ReadingRow[]> {
    const { rows } = await this.pool.query<{ device_id: string; metric: string; value: number; at: Date }>(
      `SELECT l.device_id, l.metric, r.value, r.at
       FROM dcs.latest_reading l
       JOIN dcs.device d ON d.id = l.device_id
       CROSS JOIN LATERAL (
         SELECT value, at FROM dcs.reading r
         WHERE r.device_id = l.device_id AND r.metric = l.metric AND r.at >= $1 AND r.at < $2
         ORDER BY at LIMIT $5
       ) r
       WHERE d.kind::text = ANY($3::text[]) AND ($4::text[] IS NULL OR l.metric = ANY($4::text[]))
       ORDER BY r.at, l.device_id, l.metric
       LIMIT $5`,
      [from, to, kinds, metrics, limit],
    );
    return rows.map((r) => ({ deviceId: r.device_id, metric: r.metric, value: r.value, at: r.at }));
  }

  /**
   * min/max/avg/count of every (device, metric) of devices of `kinds` between `from` (inclusive) and
   * `to` (exclusive); pairs without a reading in the range are left out. The pairs come from
   * `latest_reading`, each summarised by one range scan of `reading_series_idx`.
   */
  async conditions(from: Date, to: Date, kinds: readonly string[]): Promise<ConditionRow[]> {
    const { rows } = await this.pool.query<{
      device_id: string;
      metric: string;
      mn: number;
      mx: number;
      av: number;
      n: string;
    }>(
      `SELECT l.device_id, l.metric, s.mn, s.mx, s.av, s.n
       FROM dcs.latest_reading l
       JOIN dcs.device d ON d.id = l.device_id
       CROSS JOIN LATERAL (
         SELECT min(value) AS mn, max(value) AS mx, avg(value) AS av, count(*) AS n
         FROM dcs.reading r
         WHERE r.device_id = l.device_id AND r.metric = l.metric AND r.at >= $1 AND r.at < $2
       ) s
       WHERE d.kind::text = ANY($3::text[]) AND s.n > 0
       ORDER BY l.device_id, l.metric`,
      [from, to, kinds],
    );
    return rows.map((r) => ({
      deviceId: r.device_id,
      metric: r.metric,
      min: r.mn,
      max: r.mx,
      avg: r.av,
      count: Number(r.n),
    }));
  }
}
