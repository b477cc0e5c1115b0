// startSubgraph gives every subgraph's database client the replica of DATABASE_REPLICA_URL (the routing
// itself is proven on a real streaming replica in packages/db/test/replica.test.ts). Here the primary
// stands in for a reachable replica, and a closed port for a replica that is down.
import { createServer } from 'node:net';
import { replicaState, type Db } from '@opshub/db';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { startSubgraph } from '../src/start.js';

const PRIMARY = process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts a subgraph with `replicaUrl`, reads once through its client, and reports the replica's state. */
async function readThrough(replicaUrl: string | undefined): Promise<ReturnType<typeof replicaState>> {
  let db: Db | undefined;
  const env = {
    DATABASE_URL: PRIMARY,
    DATABASE_REPLICA_URL: replicaUrl,
    OPSHUB_SECRET: 'x'.repeat(40),
    SUBGRAPH_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent' as const,
  };
  const running = await startSubgraph('ops', 0, { env }, async (opening) => {
    db = opening.db;
    return { schema };
  });
  try {
    expect(await db!.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    return replicaState(db!);
  } finally {
    await running.close();
  }
}

describe('startSubgraph with DATABASE_REPLICA_URL', () => {
  it('reads from the replica it names, falls back when it is down, and has none without it', async () => {
    expect(await readThrough(PRIMARY)).toEqual({ up: true, replicaReads: 1, primaryReads: 0 });
    const down = new URL(PRIMARY);
    down.port = String(await closedPort());
    expect(await readThrough(down.toString())).toEqual({ up: false, replicaReads: 0, primaryReads: 1 });
    expect(await readThrough(undefined)).toBeUndefined();
  });
});
