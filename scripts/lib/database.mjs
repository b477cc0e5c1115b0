// Database steps of `up`: create the database if missing, migrate only when migrations are pending.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.mjs';
import { loadPg, withDatabase } from './probe.mjs';

async function withClient(url, fn) {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database named in `url` when it does not exist; true if it was created. */
export async function ensureDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  return withClient(withDatabase(url, 'postgres'), async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount > 0) return false;
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    return true;
  });
}

/** Committed migrations not yet applied (by name), so a second `up` skips prisma's ~11 s start. */
export async function pendingMigrations(url) {
  const dir = path.join(ROOT, 'prisma', 'migrations');
  const committed = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const applied = await withClient(url, async (client) => {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!table.rows[0].t) return new Set();
    const rows = await client.query(
      'SELECT migration_name FROM public._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return new Set(rows.rows.map((r) => r.migration_name));
  });
  return committed.filter((m) => !applied.has(m));
}
