import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import {
  createTestDatabase,
  deleteKeys,
  testRedisUrl,
  uniquePrefix,
  waitFor,
  type TestDatabase,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTS_STREAMS, encodeAlertContainer, importAlerts, type AlertIngestedEvent } from '../src/index.js';
import { lightCurveAlerts } from './light-curve.fixture.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MAIN = 'cli/src/main.ts';

let database: TestDatabase;
let db: Db;
let dir: string;
let events: EventBus;
const prefix = uniquePrefix('alerts-cli');

/** `npm run opshub -- alerts import …` as an operator runs it (a child process, stdout not a terminal). */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', MAIN, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase('alerts-cli');
  db = createDb(database.url, { max: 2 });
  dir = await mkdtemp(path.join(tmpdir(), 'alerts-cli-'));
  events = await EventBus.connect(testRedisUrl(), prefix);
});
afterAll(async () => {
  await events?.close();
  await deleteKeys(testRedisUrl(), prefix);
  await db?.$disconnect();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run opshub -- alerts import', { timeout: 60_000 }, () => {
  it('imports files, prints the counts per file and in total, and exits 1 when a file is refused', async () => {
    const good = path.join(dir, 'night-1.avro');
    const bytes = await encodeAlertContainer(lightCurveAlerts(9_007_199_254_742_001n, 12));
    await writeFile(good, bytes);
    const truncated = path.join(dir, 'cut.avro');
    await writeFile(truncated, bytes.subarray(0, bytes.length - 3));

    const seen: AlertIngestedEvent[] = [];
    const feed = await events.subscribe<AlertIngestedEvent>(ALERTS_STREAMS.alertIngested);
    void (async () => {
      for await (const e of feed) seen.push(e.payload);
    })();

    const first = await cli(['alerts', 'import', good, truncated]);
    expect(first.stdout.split('\n')).toEqual([
      'night-1.avro: 12 new, 0 already known, 0 quarantined (avro; 1 new object, 12 new sources, 82 new forced sources)',
      `cut.avro: refused: truncated: the file ends inside block 0 (at byte ${bytes.length - 3})`,
      'total: 12 new, 0 already known, 0 quarantined alerts; 1 file refused',
      '',
    ]);
    expect(first.code).toBe(1);
    expect(await db.alert.count()).toBe(12);
    await waitFor(() => seen.length === 12, 'an alertIngested per imported alert');
    expect(seen.map((e) => e.alertId)).toContain('900719925474200100');

    const again = await cli(['alerts', 'import', good]);
    expect(again.stdout).toBe(
      'night-1.avro: 0 new, 12 already known, 0 quarantined (avro; 0 new objects, 0 new sources, 0 new forced sources)\n' +
        'total: 0 new, 12 already known, 0 quarantined alerts\n',
    );
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    await feed.return?.(undefined);
  });

  it('prints one line per file, in the order given, when several files go through one import', async () => {
    const curve = lightCurveAlerts(9_007_199_254_742_003n, 5);
    const names = ['night-3a.avro', 'night-3b.avro', 'night-3c.avro'];
    const batches = [curve.slice(0, 2), curve.slice(2), lightCurveAlerts(9_007_199_254_742_004n, 1)];
    const files = names.map((n) => path.join(dir, n));
    for (const [k, file] of files.entries()) await writeFile(file, await encodeAlertContainer(batches[k]!));
    const lines: string[] = [];
    const { refused } = await importAlerts(
      files,
      { DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
      { out: (l) => lines.push(l), err: new (await import('node:stream')).PassThrough() },
    );
    expect(refused).toBe(0);
    expect(lines.map((l) => l.replace(/ \(avro;.*\)$/, ''))).toEqual([
      'night-3a.avro: 2 new, 0 already known, 0 quarantined',
      'night-3b.avro: 3 new, 0 already known, 0 quarantined',
      'night-3c.avro: 1 new, 0 already known, 0 quarantined',
      'total: 6 new, 0 already known, 0 quarantined alerts',
    ]);
  });

  it('draws a progress bar on a terminal, and only there', async () => {
    const file = path.join(dir, 'night-2.avro');
    await writeFile(file, await encodeAlertContainer(lightCurveAlerts(9_007_199_254_742_002n, 3)));
    const drawn: string[] = [];
    const lines: string[] = [];
    const terminal = Object.assign(new (await import('node:stream')).PassThrough(), { isTTY: true });
    terminal.on('data', (d: Buffer) => drawn.push(d.toString()));
    await importAlerts(
      [file],
      { DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
      {
        out: (l) => lines.push(l),
        err: terminal,
      },
    );
    expect(drawn.join('')).toContain(`\r[${'#'.repeat(30)}] 3/3 night-2.avro`);
    expect(lines.at(-1)).toBe('total: 3 new, 0 already known, 0 quarantined alerts');
  });
});
