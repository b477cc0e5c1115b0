// `npm run opshub -- backup create|restore` as an operator runs it (the CLI in a child process) on a
// database of its own and a product store in a temporary directory: a backup, then rows and product files
// changed, added and deleted, a restore refused without --force (naming what it would replace), then
// the restore, after which the database and the product store are as they were at the backup.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDb, type Db } from '@opshub/db';
import { createTestDatabase, type TestDatabase } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productFiles } from '../src/backup/backup.service.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = 'cli/src/main.ts';
const LONG = `ous/${'a-long-member-ous-directory-name/'.repeat(4)}weblog.tgz`;

let database: TestDatabase;
let db: Db;
let dir: string;
let products: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', MAIN, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        WORKFLOW_PRODUCT_ROOT: products,
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

/** What a user would compare: every user row, and every product file with its bytes. */
async function snapshot(): Promise<{ users: unknown[]; files: Record<string, string> }> {
  const users = await db.user.findMany({ orderBy: { username: 'asc' } });
  const files: Record<string, string> = {};
  for (const f of await productFiles(products)) files[f.name] = (await readFile(f.file)).toString('base64');
  return { users, files };
}

beforeAll(async () => {
  database = await createTestDatabase('backup');
  db = createDb(database.url, { max: 2 });
  dir = await mkdtemp(path.join(tmpdir(), 'opshub-backup-'));
  products = path.join(dir, 'products');
  await mkdir(path.join(products, path.dirname(LONG)), { recursive: true });
  await writeFile(path.join(products, LONG), Buffer.alloc(70_000, 7));
  await mkdir(path.join(products, 'uid___A001_X1_X2'), { recursive: true });
  await writeFile(
    path.join(products, 'uid___A001_X1_X2', 'product-1.fits'),
    'SIMPLE  =                    T',
  );
  await writeFile(path.join(products, 'uid___A001_X1_X2', 'empty.txt'), '');
  for (const username of ['ada', 'grace', 'linus'])
    await db.user.create({ data: { username, passwordHash: `hash-of-${username}`, roles: ['VIEWER'] } });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('opshub backup', { timeout: 120_000 }, () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  const archive = () => path.join(dir, 'hub.tar');

  it('writes the database and the product store to one tar, with progress lines', async () => {
    before = await snapshot();
    const run = await cli(['backup', 'create', archive()]);
    expect(run.stderr).toMatch(/^backup: dumping the database opshub_t_backup_\w+ \(PostgreSQL 15/m);
    expect(run.stderr).toMatch(/^backup: writing .*hub\.tar: the dump and 3 product files done, [\d.]+ kB$/m);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /Backed up opshub_t_backup_\w+ \(alerts, dcs, dqm, ops, workflow\) and 3 product files/,
    );
    // A plain tar: the system's tar lists it.
    const { stdout } = await promisify(execFile)('tar', ['-tf', archive()]);
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      'manifest.json',
      'db.dump',
      `products/${LONG}`,
      'products/uid___A001_X1_X2/empty.txt',
      'products/uid___A001_X1_X2/product-1.fits',
    ]);
    expect((await cli(['backup', 'create', archive()])).stderr).toMatch(/exists already/);
  });

  it('refuses to restore over data without --force, saying what it would replace', async () => {
    await db.user.delete({ where: { username: 'grace' } });
    await db.user.update({ where: { username: 'ada' }, data: { passwordHash: 'changed' } });
    await db.user.create({ data: { username: 'mallory', passwordHash: 'x', roles: ['ADMIN'] } });
    await writeFile(path.join(products, 'uid___A001_X1_X2', 'product-1.fits'), 'overwritten');
    await writeFile(path.join(products, 'added-later.txt'), 'not in the backup');
    await rm(path.join(products, LONG));
    const changed = await snapshot();
    expect(changed).not.toEqual(before);

    const run = await cli(['backup', 'restore', archive()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /refusing to overwrite: the database opshub_t_backup_\w+ holds \d+ tables with rows: .*ops\.user \(3 rows\)/,
    );
    expect(run.stderr).toMatch(/the product store .*products holds 3 files .*Pass --force/);
    expect(await snapshot()).toEqual(changed);
  });

  it('restores with --force: rows and product files as they were at the backup', async () => {
    const run = await cli(['backup', 'restore', archive(), '--force']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^restore: restoring the database into opshub_t_backup_\w+ done, \d+ items$/m);
    expect(run.stdout).toMatch(/Restored the backup of .* and 3 product files/);
    expect(await snapshot()).toEqual(before);
    // Nothing left beside the store.
    const left = (await promisify(execFile)('ls', ['-A', dir])).stdout.split('\n').filter(Boolean);
    expect(left.sort()).toEqual(['hub.tar', 'products']);
  });

  it('refuses an archive that is not a backup, or truncated, and changes nothing', async () => {
    const junk = path.join(dir, 'junk.tar');
    await writeFile(junk, Buffer.alloc(4096, 1));
    expect((await cli(['backup', 'restore', junk, '--force'])).stderr).toMatch(/not a tar archive/);
    const whole = await readFile(archive());
    const cut = path.join(dir, 'cut.tar');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const run = await cli(['backup', 'restore', cut, '--force']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/truncated/);
    expect(await snapshot()).toEqual(before);
    expect((await stat(path.join(products, LONG))).size).toBe(70_000);
  });
});
