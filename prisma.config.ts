// Prisma CLI configuration: Prisma 6.19.3 with the JavaScript schema engine over node-postgres.
// The adapter below works around three bugs of that engine (docs/adr/0002-prisma.md).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { defineConfig } from 'prisma/config';

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

type Field = { dataTypeID: number };
type QueryResultLike = { fields?: Field[] } | undefined;

// Bug 1 (prisma/orm#27403): introspection reads `name` and `"char"` columns, which the adapter
// cannot map. Report them as text: their values are already strings.
function retypeNameColumns(result: unknown): unknown {
  const fields = (result as QueryResultLike)?.fields;
  if (fields)
    for (const f of fields)
      if (f.dataTypeID === NAME_OID || f.dataTypeID === CHAR_OID) f.dataTypeID = TEXT_OID;
  return result;
}

class CliPool extends pg.Pool {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const out = (super.query as any)(...args);
    return out instanceof Promise ? out.then(retypeNameColumns) : out;
  }
}

function poolConfig(database?: string): pg.PoolConfig {
  // Bug 2: given a connectionString, the shadow database silently IS the main one,
  // because the adapter spreads `{ ...config, database }`. Use discrete fields instead.
  const url = new URL(process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/opshub');
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password),
    database: database ?? url.pathname.slice(1),
    max: 4,
  };
}

type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;

async function connect(pool: pg.Pool, release: () => Promise<void>): Promise<Adapter> {
  const adapter = await new PrismaPg(pool).connect();
  // Bug 3: the adapter splits scripts on `;`, breaking `$$` function bodies. Send scripts whole.
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  adapter.dispose = release;
  return adapter;
}

const factory = {
  provider: 'postgres' as const,
  adapterName: '@prisma/adapter-pg',
  async connect() {
    const pool = new CliPool(poolConfig());
    return connect(pool, () => pool.end());
  },
  async connectToShadowDb() {
    const admin = new CliPool(poolConfig());
    const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    const pool = new CliPool(poolConfig(name));
    return connect(pool, async () => {
      // Close the shadow pool first, then drop it even if Prisma left a session open.
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    });
  },
};

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema'),
  migrations: { path: path.join('prisma', 'migrations'), seed: 'npm run db:seed' },
  adapter: async () => factory as never,
});
