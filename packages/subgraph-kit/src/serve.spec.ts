import { createServer } from 'node:net';
import { createLogger } from '@opshub/config';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Resources, serveSubgraph } from './serve.js';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
});
const server = {
  name: 'ops',
  host: '127.0.0.1',
  secret: 'x'.repeat(40),
  log: createLogger('spec', 'silent'),
};

describe('Resources', () => {
  it('closes newest first, every one even after a failure, and reports the first failure', async () => {
    const closed: string[] = [];
    const resources = new Resources();
    resources.add('db', async (v) => void closed.push(v));
    resources.add('redis', async () => {
      closed.push('redis');
      throw new Error('redis close failed');
    });
    resources.add('queue', async (v) => void closed.push(v));
    await expect(resources.close()).rejects.toThrow('redis close failed');
    expect(closed).toEqual(['queue', 'redis', 'db']);
    await resources.close();
    expect(closed).toHaveLength(3);
  });
});

describe('serveSubgraph', () => {
  it('closes the server, then what open registered', async () => {
    const closed: string[] = [];
    const running = await serveSubgraph({
      ...server,
      port: 0,
      open: async (resources) => {
        resources.add('db', async (v) => void closed.push(v));
        return { schema };
      },
    });
    const health = await fetch(running.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    await running.close();
    expect(closed).toEqual(['db']);
    await expect(fetch(running.url.replace('/graphql', '/healthz'))).rejects.toThrow();
  });

  it('closes what open registered when the server cannot start', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    const closed: string[] = [];
    await expect(
      serveSubgraph({
        ...server,
        port,
        open: async (resources) => {
          resources.add('db', async (v) => void closed.push(v));
          return { schema };
        },
      }),
    ).rejects.toThrow(/EADDRINUSE/);
    expect(closed).toEqual(['db']);
    taken.close();
  });

  it('closes what open registered when open fails half-way', async () => {
    const closed: string[] = [];
    await expect(
      serveSubgraph({
        ...server,
        port: 0,
        open: async (resources) => {
          resources.add('db', async (v) => void closed.push(v));
          throw new Error('redis unreachable');
        },
      }),
    ).rejects.toThrow('redis unreachable');
    expect(closed).toEqual(['db']);
  });
});
