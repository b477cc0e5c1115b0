import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, loadEnv, withEnvFiles } from '@opshub/config';
import { EventBus } from '@opshub/events';
import type { Command } from 'commander';
import type { IngestProgress, IngestResult } from '../ingest/alert-ingest.service.js';
import { openAlertsServices } from '../services.js';

/** The checkout (or image) root, whose .env the CLI reads: this file is subgraphs/alerts/src/cli/. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

const BAR_WIDTH = 30;

/** What the command writes: results on stdout (scripts read them), the bar and notes on stderr. */
export interface CliOutput {
  out: (line: string) => void;
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function summary(r: IngestResult): string {
  if (r.refused) return `${r.source}: refused: ${r.refused}`;
  return (
    `${r.source}: ${r.newAlerts} new, ${r.knownAlerts} already known, ${r.quarantined} quarantined ` +
    `(${r.format}; ${plural(r.newObjects, 'new object')}, ${plural(r.newSources, 'new source')}, ` +
    `${plural(r.newForcedSources, 'new forced source')})`
  );
}

function progressBar(err: CliOutput['err']): (p: IngestProgress) => void {
  if (!err.isTTY) return () => undefined;
  return ({ source, done, total }) => {
    const filled = total ? Math.round((done / total) * BAR_WIDTH) : BAR_WIDTH;
    err.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${source}\u001b[K`,
    );
    if (done >= total) err.write('\r\u001b[K');
  };
}

/**
 * `alerts import <files…>`: Avro container files, JSON or NDJSON of ELAsTiCC v0.9.1 alerts, into the
 * database the settings name. Prints one line per file and the totals; exits 1 when a file was
 * refused. With REDIS_URL, each new alert is announced (alertIngested) as the workers would.
 */
export async function importAlerts(
  files: readonly string[],
  environment: Record<string, string | undefined>,
  output: CliOutput,
): Promise<{ results: IngestResult[]; refused: number }> {
  const source = withEnvFiles(ROOT, environment);
  const env = loadEnv(['DATABASE_URL', 'LOG_LEVEL'], source);
  const redis = source['REDIS_URL'] ? loadEnv(['REDIS_URL', 'REDIS_PREFIX'], source) : undefined;
  const log = createLogger('alerts-import', env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  if (!redis) output.err.write('note: REDIS_URL is not set, so no alertIngested events are published\n');
  // Without Redis the bus is one that never connects: the note above says nothing is announced.
  const events = redis
    ? await EventBus.connect(redis.REDIS_URL, redis.REDIS_PREFIX)
    : EventBus.unconnected('redis://127.0.0.1:1', 'offline');
  const services = openAlertsServices(env.DATABASE_URL, { log, events });
  let results: IngestResult[] = [];
  try {
    // One pipeline for all the files: the next is decoded while one is stored; a line per file once stored.
    results = await services.ingest.ingestFiles(files, {
      onProgress: progressBar(output.err),
      onFile: (result) => output.out(summary(result)),
    });
  } finally {
    await services.close();
    await events.close();
  }
  const sum = (k: 'newAlerts' | 'knownAlerts' | 'quarantined'): number =>
    results.reduce((n, r) => n + r[k], 0);
  const refused = results.filter((r) => r.refused).length;
  output.out(
    `total: ${sum('newAlerts')} new, ${sum('knownAlerts')} already known, ${sum('quarantined')} quarantined alerts` +
      (refused ? `; ${plural(refused, 'file')} refused` : ''),
  );
  return { results, refused };
}

/** Registers `alerts import` on the admin CLI (@opshub/cli, cli/src/main.ts). */
export function registerAlertsCommands(
  program: Command,
  environment: Record<string, string | undefined>,
): void {
  const alerts = program.command('alerts').description('the alerts domain: import ELAsTiCC alerts');
  alerts
    .command('import')
    .description('import Avro container files, JSON or NDJSON of elasticc.v0_9_1 alerts (idempotent)')
    .argument('<files...>', 'alert files')
    .action(async (files: string[]) => {
      const output: CliOutput = { out: (line) => process.stdout.write(`${line}\n`), err: process.stderr };
      const { refused } = await importAlerts(files, environment, output);
      if (refused) process.exitCode = 1;
    });
}
