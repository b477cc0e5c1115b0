// Alerts bench, part 1: Avro alert files ingested end to end (read, decode, check, unnest inserts) against a
// raw COPY of the same distinct rows into the same tables.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { encodeAlertContainer, zoneOf, type AlertsServices } from '@opshub/alerts';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const BANDS = ['u', 'g', 'r', 'i', 'z', 'Y'] as const;
const FIRST_ID = 2n ** 53n + 1n;

interface Rows {
  objects: string[];
  sources: string[];
  forced: string[];
  alerts: string[];
}

export interface IngestFigures {
  alerts: number;
  files: number;
  /** Distinct rows stored (objects, sources, forced sources, alerts). */
  rows: number;
  ingest: { seconds: number; rowsPerSecond: number; alertsPerSecond: number };
  copy: { seconds: number; rowsPerSecond: number; copies: string };
  /** Each measured round (after the warm-up round): the ingest, then the raw COPY, into emptied tables. */
  rounds: {
    ingestSeconds: number;
    copySeconds: number;
    ratio: number;
    /** CPU seconds the whole machine spent during each side (the ingest's Node, Postgres and Redis together). */
    ingestMachineCpuSeconds: number | null;
    copyMachineCpuSeconds: number | null;
  }[];
  /**
   * The warm-up round's ratio: a process that has compiled nothing yet (a CLI import's first second; the workers
   * process, and a night's import after its first second, run warm). Not among `rounds`.
   */
  coldRatio: number;
  /**
   * The median measured round's ingest rows/s over its COPY rows/s (goal ≥ 0.8); `ingest` and `copy` are that
   * round's.
   */
  ratio: number;
}

/**
 * `objects` objects, each with `perObject` alerts carrying its earlier detections and forced photometry (two
 * forced points per visit), as a survey sends them; also the distinct rows as COPY text lines.
 */
function generate(objects: number, perObject: number): { alerts: Record<string, unknown>[]; rows: Rows } {
  const alerts: Record<string, unknown>[] = [];
  const rows: Rows = { objects: [], sources: [], forced: [], alerts: [] };
  for (let i = 0; i < objects; i++) {
    const id = FIRST_ID + BigInt(i) * 1000n;
    const ra = (i * 137.508) % 360;
    const decl = ((i * 61.803) % 150) - 75;
    const object = {
      diaObjectId: id,
      simVersion: 'bench',
      ra,
      decl,
      mwebv: 0.02,
      hostgal_zphot: 0.3,
      hostgal_zphot_err: 0.03,
      hostgal_mag_r: 21.5,
      hostgal_snsep: 0.8,
    };
    rows.objects.push(`${id}\tbench\t${ra}\t${decl}\t${zoneOf(decl)}\t0.02\t0.3\t0.03\t21.5\t0.8`);
    const sources: Record<string, unknown>[] = [];
    const forced: Record<string, unknown>[] = [];
    for (let k = 0; k < perObject; k++) {
      const mjd = 60_800 + k * 2.1 + i * 1e-4;
      const band = BANDS[(i + k) % BANDS.length]!;
      const source = {
        diaSourceId: id + BigInt(k),
        diaObjectId: id,
        midPointTai: mjd,
        filterName: band,
        ra,
        decl,
        psFlux: 1000 + k,
        psFluxErr: 40,
        snr: 25,
      };
      rows.sources.push(`${source.diaSourceId}\t${id}\t${mjd}\t${band}\t${ra}\t${decl}\t${1000 + k}\t40\t25`);
      const newForced = [0, 1].map((f) => {
        const fmjd = mjd - 1 + f * 0.5;
        const fid = id + 500n + BigInt(2 * k + f);
        rows.forced.push(`${fid}\t${id}\t${fmjd}\t${band}\t${200 + f}\t40`);
        return {
          diaForcedSourceId: fid,
          diaObjectId: id,
          midPointTai: fmjd,
          filterName: band,
          psFlux: 200 + f,
          psFluxErr: 40,
        };
      });
      forced.push(...newForced);
      alerts.push({
        alertId: id + BigInt(k),
        diaSource: source,
        prvDiaSources: [...sources],
        prvDiaForcedSources: [...forced],
        diaObject: object,
      });
      rows.alerts.push(`${id + BigInt(k)}\t${source.diaSourceId}\t${id}`);
      sources.push(source);
    }
  }
  return { alerts, rows };
}

async function copyRows(databaseUrl: string, rows: Rows): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query('BEGIN');
    const copy = async (sql: string, lines: string[]): Promise<void> => {
      function* chunks(): Generator<string> {
        for (let i = 0; i < lines.length; i += 2_000) yield `${lines.slice(i, i + 2_000).join('\n')}\n`;
      }
      await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
    };
    await copy(
      'COPY alerts.dia_object (dia_object_id, sim_version, ra, decl, zone, mwebv, hostgal_zphot, hostgal_zphot_err, hostgal_mag_r, hostgal_snsep) FROM STDIN',
      rows.objects,
    );
    await copy(
      'COPY alerts.dia_source (dia_source_id, dia_object_id, mid_point_tai, filter_name, ra, decl, ps_flux, ps_flux_err, snr) FROM STDIN',
      rows.sources,
    );
    await copy(
      'COPY alerts.dia_forced_source (dia_forced_source_id, dia_object_id, mid_point_tai, filter_name, ps_flux, ps_flux_err) FROM STDIN',
      rows.forced,
    );
    await copy('COPY alerts.alert (alert_id, dia_source_id, dia_object_id) FROM STDIN', rows.alerts);
    await client.query('COMMIT');
    return (performance.now() - t0) / 1000;
  } finally {
    await client.end();
  }
}

export async function truncateAlerts(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      'TRUNCATE alerts.dia_object, alerts.dia_source, alerts.dia_forced_source, alerts.alert, alerts.alert_quarantine',
    );
    await client.query('VACUUM ANALYZE alerts.dia_object');
    // Each side starts with no dirty buffers of the other's: a checkpoint falling inside one side is noise.
    await client.query('CHECKPOINT').catch(() => undefined);
  } finally {
    await client.end();
  }
}

/** The alerts as Avro files of `perFile` in `dir`, and the distinct rows as COPY text lines. */
async function writeFiles(
  dir: string,
  options: { objects: number; perObject: number; perFile: number },
): Promise<{ files: string[]; alerts: number; rows: Rows }> {
  const { alerts, rows } = generate(options.objects, options.perObject);
  const files: string[] = [];
  for (let i = 0; i < alerts.length; i += options.perFile) {
    const file = path.join(dir, `batch-${files.length}.avro`);
    await writeFile(file, await encodeAlertContainer(alerts.slice(i, i + options.perFile)));
    files.push(file);
  }
  return { files, alerts: alerts.length, rows };
}

/** CPU seconds the whole machine has been busy (every process: this one, Postgres, Redis); null off Linux. */
function machineBusy(): number | null {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .split(/\s+/)
      .slice(1)
      .map(Number) as number[];
    return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
  } catch {
    return null;
  }
}

interface Side {
  seconds: number;
  /** CPU seconds of the whole machine meanwhile (2 cores: at most twice `seconds`). */
  machineCpuSeconds: number | null;
}

/** Times `work`, with the machine's CPU time it took. */
async function timed(work: () => Promise<void>): Promise<Side> {
  const busy = machineBusy();
  const t0 = performance.now();
  await work();
  const seconds = (performance.now() - t0) / 1000;
  const after = machineBusy();
  return { seconds, machineCpuSeconds: busy === null || after === null ? null : after - busy };
}

/** One round: the files ingested into emptied tables, then the same rows COPYed into emptied tables. */
async function round(
  alertsServices: AlertsServices,
  databaseUrl: string,
  files: readonly string[],
  rows: Rows,
  total: number,
): Promise<{ ingest: Side; copy: Side }> {
  await truncateAlerts(databaseUrl);
  let stored = 0;
  // As `opshub alerts import <files…>` does: the files in turn through one pipeline.
  const ingest = await timed(async () => {
    for (const r of await alertsServices.ingest.ingestFiles(files)) {
      if (r.refused || r.quarantined)
        throw new Error(`bench file ${r.source}: ${r.refused ?? `${r.quarantined} quarantined`}`);
      stored += r.newObjects + r.newSources + r.newForcedSources + r.newAlerts;
    }
  });
  if (stored !== total) throw new Error(`ingest stored ${stored} rows, expected ${total}`);
  await truncateAlerts(databaseUrl);
  // The COPY's own time (from its BEGIN, connected), the machine's CPU around it.
  let copySeconds = 0;
  const copy = await timed(async () => {
    copySeconds = await copyRows(databaseUrl, rows);
  });
  copy.seconds = copySeconds;
  await truncateAlerts(databaseUrl);
  return { ingest, copy };
}

/**
 * Writes the alerts as Avro files of `perFile`, then ingests them and COPYs the same rows side by side: a warm-up
 * round (a cold process: nothing compiled yet; its ratio is given as `coldRatio`), then `rounds` measured rounds.
 * The ratio is the median measured round's.
 */
export async function ingestVsCopy(
  alertsServices: AlertsServices,
  databaseUrl: string,
  options: { objects: number; perObject: number; perFile: number; rounds: number },
): Promise<IngestFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-alerts-'));
  await autovacuum(databaseUrl, false);
  try {
    // The generated alerts are written out and dropped before the ingest is timed: its heap is its own.
    const { files, alerts, rows } = await writeFiles(dir, options);
    const total = rows.objects.length + rows.sources.length + rows.forced.length + rows.alerts.length;
    const r3 = (x: number): number => Math.round(x * 1000) / 1000;
    const rounds: IngestFigures['rounds'] = [];
    const cold = await round(alertsServices, databaseUrl, files, rows, total);
    for (let i = 0; i < options.rounds; i++) {
      const { ingest, copy } = await round(alertsServices, databaseUrl, files, rows, total);
      const cpu = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);
      rounds.push({
        ingestSeconds: r3(ingest.seconds),
        copySeconds: r3(copy.seconds),
        ratio: r3(copy.seconds / ingest.seconds),
        ingestMachineCpuSeconds: cpu(ingest.machineCpuSeconds),
        copyMachineCpuSeconds: cpu(copy.machineCpuSeconds),
      });
    }
    const median = [...rounds].sort((x, y) => x.ratio - y.ratio)[Math.floor(rounds.length / 2)]!;
    const ingestSeconds = median.ingestSeconds;
    const copySeconds = median.copySeconds;
    return {
      alerts,
      files: files.length,
      rows: total,
      rounds,
      coldRatio: r3(cold.copy.seconds / cold.ingest.seconds),
      ingest: {
        seconds: r3(ingestSeconds),
        rowsPerSecond: Math.round(total / ingestSeconds),
        alertsPerSecond: Math.round(alerts / ingestSeconds),
      },
      copy: {
        seconds: r3(copySeconds),
        rowsPerSecond: Math.round(total / copySeconds),
        copies:
          `the same ${total} distinct rows the ingest stores (${rows.objects.length} objects with their non-null ` +
          `fields and zone, ${rows.sources.length} sources, ${rows.forced.length} forced sources, ` +
          `${rows.alerts.length} alerts) as COPY text lines already in memory, into the same tables ` +
          '(alerts.dia_object, dia_source, dia_forced_source, alert) with the same indexes, emptied before ' +
          'each side, in one transaction; the ingest also reads and decodes the Avro files, checks every ' +
          'record, computes detection counts and publishes alertIngested per alert',
      },
      ratio: median.ratio,
    };
  } finally {
    await autovacuum(databaseUrl, true);
    await rm(dir, { recursive: true, force: true });
  }
}

const TABLES = ['dia_object', 'dia_source', 'dia_forced_source', 'alert'];

/**
 * Autovacuum off on the four tables while the sides are timed (back on after): the 170,000 rows one side inserts
 * make an autovacuum of the emptied tables due, and where its worker falls (either side, or neither) was the
 * largest noise between rounds (up to 0.5 CPU-s). Both sides insert the same rows; neither is helped.
 */
async function autovacuum(databaseUrl: string, on: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const t of TABLES)
      await client.query(
        on
          ? `ALTER TABLE alerts.${t} RESET (autovacuum_enabled)`
          : `ALTER TABLE alerts.${t} SET (autovacuum_enabled = false)`,
      );
  } finally {
    await client.end();
  }
}
