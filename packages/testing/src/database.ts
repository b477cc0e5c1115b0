import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../prisma/migrations');

/** The server the tests use; the database name in it is ignored. */
export function adminUrl(): string {
  return process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function migrationScripts(): Promise<{ hash: string; scripts: string[] }> {
  const dirs = (await readdir(MIGRATIONS, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const scripts = await Promise.all(
    dirs.map((d) => readFile(path.join(MIGRATIONS, d, 'migration.sql'), 'utf8')),
  );
  const hash = createHash('sha256')
    .update(dirs.join('\n'))
    .update(scripts.join('\n'))
    .digest('hex')
    .slice(0, 12);
  return { hash, scripts };
}

/**
 * Creates, once per set of migrations, a template database with every committed migration
 * applied (the same SQL files `prisma migrate deploy` runs). Concurrent test files wait on an
 * advisory lock so only one builds it.
 */
export async function ensureTemplate(): Promise<string> {
  const { hash, scripts } = await migrationScripts();
  const name = `opshub_tpl_${hash}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(727274)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${building}"`);
      const db = new pg.Client({ connectionString: withDatabase(adminUrl(), building) });
      await db.connect();
      try {
        for (const script of scripts) await db.query(script);
      } finally {
        await db.end();
      }
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      await admin.query(`UPDATE pg_database SET datistemplate = true WHERE datname = $1`, [name]);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    await admin.end();
  }
  return name;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const template = await ensureTemplate();
  const name = `opshub_t_${label
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 20)
    .toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl(), name),
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
