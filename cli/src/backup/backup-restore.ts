// `opshub backup restore <file> [--force]`: the archive's database and product store replace the
// target's. Refused without --force when the target holds data (it says what would be replaced). The
// archive is read whole into a staging directory beside the product store first; pg_restore --clean
// --if-exists runs in one transaction (a failure changes nothing); only then is the product store
// swapped for the archive's. docs/operations.md.
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from './backup.error.js';
import { BackupRepository } from './backup.repository.js';
import {
  DUMP,
  MANIFEST,
  OPSHUB_SCHEMAS,
  PRODUCTS,
  productFiles,
  serverInfo,
  type BackupManifest,
  type BackupTarget,
} from './backup.service.js';
import { libpqEnv, pgTool, run } from './pg-tools.js';
import { bytes, type Progress } from './progress.js';
import { readTar } from './tar.js';

export interface RestoreSummary {
  manifest: BackupManifest;
  products: number;
}

/** What the target holds that a restore would replace: tables with rows, product files. */
export async function targetContents(target: BackupTarget): Promise<string[]> {
  const found: string[] = [];
  const repository = BackupRepository.open(target.databaseUrl);
  try {
    const { database } = await repository.serverInfo();
    const tables = await repository.tablesWithRows(OPSHUB_SCHEMAS);
    if (tables.length > 0) {
      const shown = tables.slice(0, 8).map((t) => `${t.table} (${t.rows} rows)`);
      if (tables.length > 8) shown.push(`and ${tables.length - 8} more`);
      found.push(`the database ${database} holds ${tables.length} tables with rows: ${shown.join(', ')}`);
    }
  } finally {
    await repository.close();
  }
  const files = await productFiles(target.productRoot);
  if (files.length > 0) {
    const size = files.reduce((n, f) => n + f.size, 0);
    found.push(`the product store ${target.productRoot} holds ${files.length} files (${bytes(size)})`);
  }
  return found;
}

export async function restoreBackup(
  file: string,
  target: BackupTarget,
  options: { force: boolean },
  progress: Progress,
): Promise<RestoreSummary> {
  const archive = path.resolve(file);
  const size = await stat(archive).then(
    (s) => s.size,
    () => {
      throw new BackupError(`${file} does not exist`);
    },
  );
  const productRoot = path.resolve(target.productRoot);
  const staging = `${productRoot}.restoring-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    // First pass: the manifest only (the rest is skipped by position, not read).
    const listed = await readTar(archive, (e) =>
      e.name === MANIFEST ? path.join(staging, MANIFEST) : undefined,
    );
    const names = new Set(listed.map((e) => e.name));
    if (!names.has(MANIFEST) || !names.has(DUMP))
      throw new BackupError(`${file} is not an opshub backup (no ${MANIFEST} or ${DUMP})`);
    const manifest = JSON.parse(await readFile(path.join(staging, MANIFEST), 'utf8')) as BackupManifest;
    if (manifest.format !== 'opshub-backup') throw new BackupError(`${file} is not an opshub backup`);

    if (!options.force) {
      const contents = await targetContents(target);
      if (contents.length > 0)
        throw new BackupError(
          `refusing to overwrite: ${contents.join('; ')}. Pass --force to replace them with the backup of ${manifest.createdAt}`,
        );
    }
    const server = await serverInfo(target.databaseUrl);
    const pgRestore = await pgTool('pg_restore', server.major);

    progress.start(`reading ${file}`, size);
    await readTar(
      archive,
      (e) =>
        e.name === DUMP || e.name.startsWith(PRODUCTS)
          ? path.join(staging, e.name === DUMP ? DUMP : e.name)
          : undefined,
      (n) => progress.add(n),
    );
    progress.end();

    const dump = path.join(staging, DUMP);
    const toc = (await run(pgRestore, ['--list', dump], {})).stdout
      .split('\n')
      .filter((l) => /^\d+;/.test(l));
    progress.start(`restoring the database into ${server.database}`, toc.length, (n) => `${n} items`);
    await run(
      pgRestore,
      [
        ...[
          '--clean',
          '--if-exists',
          '--single-transaction',
          '--exit-on-error',
          '--no-password',
          '--verbose',
        ],
        `--dbname=${server.database}`,
        dump,
      ],
      libpqEnv(target.databaseUrl),
      {
        onStderrLine: (line) =>
          /^pg_restore: (creating|processing data|executing)/.test(line) && progress.add(1),
      },
    );
    progress.end(`${toc.length} items`);

    progress.start(`replacing the product store ${target.productRoot}`);
    const restored = path.join(staging, PRODUCTS);
    await mkdir(restored, { recursive: true });
    const before = `${productRoot}.before-restore-${process.pid}`;
    const hadStore = await stat(productRoot).then(
      () => true,
      () => false,
    );
    if (hadStore) await rename(productRoot, before);
    await mkdir(path.dirname(productRoot), { recursive: true });
    await rename(restored, productRoot);
    if (hadStore) await rm(before, { recursive: true, force: true });
    progress.end(`${manifest.products.files} files`);
    return { manifest, products: manifest.products.files };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
