// Alerts bench, part 2: a 10″ cone search on 1 M objects by the hub's zones (the repository's query, on the
// (zone, ra) btree) against a sequential scan of the same table and against q3c's index on it.
import { boxList, coneBoxes, ZONE_HEIGHT_DEG } from '@opshub/alerts';
import pg from 'pg';

export interface ConeMethod {
  queries: number;
  /** Round trip from the client (what a caller waits; noisy on a loaded machine). */
  medianMs: number;
  p90Ms: number;
  /** In the database (EXPLAIN ANALYZE: planning + execution), median: the method's own cost. */
  dbMedianMs: number;
  /** Hits summed over the queries (the methods must agree). */
  hits: number;
}

export interface ConeFigures {
  objects: number;
  radiusArcsec: number;
  zones: ConeMethod;
  sequentialScan: ConeMethod;
  q3c: ConeMethod | { skipped: string };
  /** Sequential scan median over zones median, round trip (goal ≥ 500). */
  scanOverZones: number;
  /** The same in the database (EXPLAIN ANALYZE). */
  scanOverZonesInDb: number;
  /** q3c median over zones median, round trip (goal ≥ 1); null when q3c is missing. */
  q3cOverZones: number | null;
  q3cOverZonesInDb: number | null;
}

const HAVERSINE = `2 * degrees(asin(least(1, sqrt(
  power(sin(radians(o.decl - $2::float8) / 2), 2)
  + cos(radians(o.decl)) * cos(radians($2::float8)) * power(sin(radians(o.ra - $1::float8) / 2), 2)))))`;

/** The hub's cone search as `coneSearch` runs it (`alerts.cone_search`: its plan made once per connection). */
const ZONES_SQL = `SELECT dia_object_id AS id, separation_deg AS sep
  FROM alerts.cone_search($1::float8, $2::float8, $3::float8, $4::int[], $5::float8[], $6::float8[], 100)`;

const SCAN_SQL = `SELECT id, sep FROM (SELECT o.dia_object_id AS id, ${HAVERSINE} AS sep FROM alerts.dia_object o) c
  WHERE sep <= $3::float8 ORDER BY sep, id LIMIT 100`;

const Q3C_SQL = `SELECT o.dia_object_id AS id, q3c_dist(o.ra, o.decl, $1::float8, $2::float8) AS sep
  FROM alerts.dia_object o WHERE q3c_radial_query(o.ra, o.decl, $1::float8, $2::float8, $3::float8)
  ORDER BY sep, id LIMIT 100`;

/** 1 M objects uniform on the sphere, zones computed as the hub computes them (ids 1…n). */
export async function loadObjects(client: pg.ClientBase, n: number): Promise<void> {
  await client.query(
    `INSERT INTO alerts.dia_object (dia_object_id, ra, decl, zone)
     SELECT i, ra, decl, floor((decl + 90) / $2::float8)::int
       FROM (SELECT i, random() * 360 AS ra, degrees(asin(2 * random() - 1)) AS decl
               FROM generate_series(1, $1::int) AS i) s`,
    [n, ZONE_HEIGHT_DEG],
  );
  await client.query('VACUUM ANALYZE alerts.dia_object');
}

/** Each method's query a prepared statement, all three alike: parsed once per connection, the round trip its execution. */
async function time(
  client: pg.ClientBase,
  centres: { ra: number; dec: number }[],
  sql: string,
  params: (c: { ra: number; dec: number }) => unknown[],
): Promise<ConeMethod> {
  const ms: number[] = [];
  let hits = 0;
  const name = `cone-${sql === ZONES_SQL ? 'zones' : sql === SCAN_SQL ? 'scan' : 'q3c'}`;
  for (const c of centres) {
    const t0 = performance.now();
    const { rowCount } = await client.query({ name, text: sql, values: params(c) });
    ms.push(performance.now() - t0);
    hits += rowCount ?? 0;
  }
  const db: number[] = [];
  for (const c of centres) {
    const { rows } = await client.query<{
      'QUERY PLAN': [{ 'Planning Time': number; 'Execution Time': number }];
    }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params(c));
    const plan = rows[0]!['QUERY PLAN'][0];
    db.push(plan['Planning Time'] + plan['Execution Time']);
  }
  ms.sort((a, b) => a - b);
  db.sort((a, b) => a - b);
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    queries: ms.length,
    medianMs: r(ms[Math.floor(ms.length / 2)]!),
    p90Ms: r(ms[Math.floor(ms.length * 0.9)]!),
    dbMedianMs: r(db[Math.floor(db.length / 2)]!),
    hits,
  };
}

/**
 * Cones centred on stored objects (so each finds at least one), the same centres for every method; the scan
 * gets fewer of them (each reads the whole table). `objects` must already be loaded.
 */
export async function coneBench(
  databaseUrl: string,
  objects: number,
  radiusArcsec: number,
): Promise<ConeFigures> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ ra: number; dec: number }>(
      'SELECT ra, decl AS dec FROM alerts.dia_object TABLESAMPLE SYSTEM (1) LIMIT 300',
    );
    const r = radiusArcsec / 3600;
    const zoneParams = (c: { ra: number; dec: number }): unknown[] => {
      const { zones, los, his } = boxList(coneBoxes(c.ra, c.dec, r));
      return [c.ra, c.dec, r, zones, los, his];
    };
    await time(client, rows.slice(0, 20), ZONES_SQL, zoneParams);
    const zones = await time(client, rows, ZONES_SQL, zoneParams);
    const scanCentres = rows.slice(0, 9);
    const sequentialScan = await time(client, scanCentres, SCAN_SQL, (c) => [c.ra, c.dec, r]);
    const zonesOnScanCentres = await time(client, scanCentres, ZONES_SQL, zoneParams);
    if (zonesOnScanCentres.hits !== sequentialScan.hits)
      throw new Error(`zones found ${zonesOnScanCentres.hits} objects, the scan ${sequentialScan.hits}`);
    let q3c: ConeFigures['q3c'];
    const available = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'q3c'");
    if (available.rowCount === 0) {
      q3c = { skipped: 'q3c is not installed (apt-get install -y postgresql-15-q3c): comparison skipped' };
      console.warn(q3c.skipped);
    } else {
      await client.query('CREATE EXTENSION IF NOT EXISTS q3c');
      await client.query(
        'CREATE INDEX IF NOT EXISTS bench_q3c ON alerts.dia_object (q3c_ang2ipix(ra, decl))',
      );
      await client.query('ANALYZE alerts.dia_object');
      await time(client, rows.slice(0, 20), Q3C_SQL, (c) => [c.ra, c.dec, r]);
      q3c = await time(client, rows, Q3C_SQL, (c) => [c.ra, c.dec, r]);
      if (q3c.hits !== zones.hits) throw new Error(`zones found ${zones.hits} objects, q3c ${q3c.hits}`);
    }
    const r1 = (x: number): number => Math.round(x * 10) / 10;
    return {
      objects,
      radiusArcsec,
      zones,
      sequentialScan,
      q3c,
      scanOverZones: r1(sequentialScan.medianMs / zones.medianMs),
      scanOverZonesInDb: r1(sequentialScan.dbMedianMs / zones.dbMedianMs),
      q3cOverZones: 'medianMs' in q3c ? Math.round((q3c.medianMs / zones.medianMs) * 1000) / 1000 : null,
      q3cOverZonesInDb:
        'medianMs' in q3c ? Math.round((q3c.dbMedianMs / zones.dbMedianMs) * 1000) / 1000 : null,
    };
  } finally {
    await client.end();
  }
}
