// startDcsSubgraph as every process runs it: env in, a served subgraph out, everything closed after.
import {
  createTestDatabase,
  TEST_SECRET,
  testRedisUrl,
  uniquePrefix,
  type TestDatabase,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDcsSubgraph } from '../src/index.js';

describe('startDcsSubgraph', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('dcs-start');
  });
  afterAll(() => database.drop());

  it('serves /graphql on a free port, refuses unsigned calls, and closes', async () => {
    const subgraph = await startDcsSubgraph({
      env: {
        DATABASE_URL: database.url,
        DATABASE_REPLICA_URL: undefined,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: uniquePrefix('dcs-start'),
        OPSHUB_SECRET: TEST_SECRET,
        SUBGRAPH_HOST: '127.0.0.1',
        DCS_PORT: 0,
        LOG_LEVEL: 'silent',
        DCS_COMMAND_TIMEOUT_MS: 20_000,
      },
    });
    expect(subgraph.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const health = await fetch(subgraph.url.replace('/graphql', '/healthz'));
    expect(await health.json()).toEqual({ status: 'ok', subgraph: 'dcs' });
    const unsigned = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ devices { id } }' }),
    });
    expect(unsigned.status).toBe(401);
    await subgraph.close();
    await expect(fetch(subgraph.url.replace('/graphql', '/healthz'))).rejects.toThrow();
  });
});
