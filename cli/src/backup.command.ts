import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnv, withEnvFiles } from '@opshub/config';
import { CliError } from '@opshub/ops';
import type { Command } from 'commander';
import { restoreBackup } from './backup/backup-restore.js';
import { BackupError } from './backup/backup.error.js';
import { createBackup, type BackupTarget } from './backup/backup.service.js';
import { bytes, Progress } from './backup/progress.js';

/** The checkout (or image) root, whose .env the CLI reads: this file is cli/src/. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The database and the product store of the hub, from its settings (.env as the other commands). */
function target(environment: NodeJS.ProcessEnv): BackupTarget {
  const env = loadEnv(['DATABASE_URL', 'WORKFLOW_PRODUCT_ROOT'], withEnvFiles(ROOT, environment));
  return { databaseUrl: env.DATABASE_URL, productRoot: path.resolve(env.WORKFLOW_PRODUCT_ROOT) };
}

/** Expected failures (a refused target, a missing tool, not a backup) are said as they are. */
async function said<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  }
}

export function registerBackupCommands(program: Command, environment: NodeJS.ProcessEnv): void {
  const backup = program
    .command('backup')
    .description('back up and restore the hub: its database (pg_dump) and its product store, in one file');

  backup
    .command('create')
    .description('write a backup to <file> (a tar: manifest.json, db.dump, products/); progress on stderr')
    .argument('<file>', 'the archive to write; it must not exist')
    .action(async (file: string) => {
      const summary = await said(() =>
        createBackup(file, target(environment), new Progress(process.stderr, 'backup')),
      );
      for (const skipped of summary.skipped)
        process.stderr.write(`note: not a regular file, left out: ${skipped}\n`);
      process.stdout.write(
        `Backed up ${summary.manifest.database} (${summary.manifest.schemas.join(', ')}) and ` +
          `${summary.manifest.products.files} product files to ${summary.file} (${bytes(summary.bytes)})\n`,
      );
    });

  backup
    .command('restore')
    .description('replace the database and the product store with the backup in <file>')
    .argument('<file>', 'an archive written by backup create')
    .option('--force', 'replace a database or product store that holds data')
    .action(async (file: string, opts: { force?: boolean }) => {
      const summary = await said(() =>
        restoreBackup(
          file,
          target(environment),
          { force: opts.force === true },
          new Progress(process.stderr, 'restore'),
        ),
      );
      process.stdout.write(
        `Restored the backup of ${summary.manifest.createdAt} (${summary.manifest.database}) and ` +
          `${summary.products} product files\n`,
      );
    });
}
