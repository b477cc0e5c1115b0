// `opshub backup create <file>`: one tar holding manifest.json, db.dump (pg_dump's custom format of the
// hub's database: the schemas ops, workflow, dcs, alerts, dqm and Prisma's migrations table) and
// products/ (the product store, WORKFLOW_PRODUCT_ROOT). Written to `<file>.partial` and renamed at the
// end, so a failed backup never leaves an archive that looks whole. docs/operations.md.
import { createWriteStream } from 'node:fs';
import { lstat, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from './backup.error.js';
import { BackupRepository, type ServerInfo } from './backup.repository.js';
import { libpqEnv, pgTool, run } from './pg-tools.js';
import { bytes, type Progress } from './progress.js';
import { TarWriter } from './tar.js';

/** The hub's schemas (one per domain); a backup holds them all, with public._prisma_migrations. */
export const OPSHUB_SCHEMAS = ['ops', 'workflow', 'dcs', 'alerts', 'dqm'] as const;
export const MANIFEST = 'manifest.json';
export const DUMP = 'db.dump';
export const PRODUCTS = 'products/';

export interface BackupTarget {
  databaseUrl: string;
  /** The product store's directory (WORKFLOW_PRODUCT_ROOT). */
  productRoot: string;
}

export interface BackupManifest {
  format: 'opshub-backup';
  version: 1;
  createdAt: string;
  database: string;
  serverVersion: string;
  schemas: string[];
  products: { files: number; bytes: number };
}

/** The server's version and database name. */
export async function serverInfo(databaseUrl: string): Promise<ServerInfo> {
  const repository = BackupRepository.open(databaseUrl);
  try {
    return await repository.serverInfo();
  } finally {
    await repository.close();
  }
}

export interface ProductFile {
  name: string;
  file: string;
  size: number;
  mtime: Date;
}

/** Every regular file under the product store (symbolic links are not followed: a note says which). */
export async function productFiles(root: string, skipped: string[] = []): Promise<ProductFile[]> {
  const files: ProductFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (entry.isFile()) {
        const info = await stat(file);
        const name = path.relative(root, file).split(path.sep).join('/');
        files.push({ name, file, size: info.size, mtime: info.mtime });
      } else skipped.push(path.relative(root, file));
    }
  };
  await walk(root);
  return files;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  manifest: BackupManifest;
  skipped: string[];
}

export async function createBackup(
  file: string,
  target: BackupTarget,
  progress: Progress,
): Promise<BackupSummary> {
  const archive = path.resolve(file);
  if (
    await lstat(archive).then(
      () => true,
      () => false,
    )
  )
    throw new BackupError(`${file} exists already: choose a new file (a backup never overwrites one)`);
  const server = await serverInfo(target.databaseUrl);
  const pgDump = await pgTool('pg_dump', server.major);
  const dump = path.join(path.dirname(archive), `.${path.basename(archive)}.db.dump.partial`);
  const partial = `${archive}.partial`;
  try {
    progress.start(`dumping the database ${server.database} (PostgreSQL ${server.version})`);
    const out = createWriteStream(dump, { mode: 0o600 });
    await run(pgDump, ['--format=custom', '--no-password'], libpqEnv(target.databaseUrl), {
      stdout: out,
      onStdout: (n) => progress.add(n),
    });
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    const schemas = await dumpedSchemas(server.major, dump);
    const missing = OPSHUB_SCHEMAS.filter((s) => !schemas.includes(s));
    if (missing.length > 0)
      throw new BackupError(
        `${server.database} is not the hub's database: it has no schema ${missing.join(', ')}`,
      );
    progress.end();

    const skipped: string[] = [];
    const products = await productFiles(target.productRoot, skipped);
    const productBytes = products.reduce((n, p) => n + p.size, 0);
    const dumpSize = (await stat(dump)).size;
    const manifest: BackupManifest = {
      format: 'opshub-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: server.database,
      serverVersion: server.version,
      schemas,
      products: { files: products.length, bytes: productBytes },
    };
    progress.start(`writing ${file}: the dump and ${products.length} product files`, dumpSize + productBytes);
    const out2 = createWriteStream(partial, { mode: 0o600 });
    const tar = new TarWriter(out2, (n) => progress.add(n));
    await tar.addBuffer(MANIFEST, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    await tar.addFile(DUMP, dump, dumpSize, new Date());
    for (const product of products)
      await tar.addFile(`${PRODUCTS}${product.name}`, product.file, product.size, product.mtime);
    await tar.finish();
    await rename(partial, archive);
    const size = (await stat(archive)).size;
    progress.end(bytes(size));
    return { file: archive, bytes: size, manifest, skipped };
  } finally {
    await rm(dump, { force: true });
    await rm(partial, { force: true });
  }
}

/** The schemas a custom-format dump creates (from its table of contents, `pg_restore -l`). */
export async function dumpedSchemas(major: number, dump: string): Promise<string[]> {
  const pgRestore = await pgTool('pg_restore', major);
  const { stdout } = await run(pgRestore, ['--list', dump], {});
  const schemas = new Set<string>();
  for (const line of stdout.split('\n')) {
    const match = /^\d+; \d+ \d+ SCHEMA - (\S+) /.exec(line);
    if (match) schemas.add(match[1]!);
    if (/ TABLE public _prisma_migrations /.test(line)) schemas.add('public._prisma_migrations');
  }
  return [...schemas].sort();
}
