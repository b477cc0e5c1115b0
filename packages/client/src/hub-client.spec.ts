import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LoginDocument, MeDocument, ObsUnitSetsDocument, OusStateChangedDocument } from './documents.js';
import { createHubClient, graphqlEndpoint } from './hub-client.js';
import { ClientErrorCode, HubError } from './hub-error.js';

/** A port that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('graphqlEndpoint', () => {
  it('accepts the gateway address with or without /graphql', () => {
    expect(graphqlEndpoint('http://localhost:4000')).toEqual({
      http: 'http://localhost:4000/graphql',
      ws: 'ws://localhost:4000/graphql',
    });
    expect(graphqlEndpoint('https://hub.example.org/graphql')).toEqual({
      http: 'https://hub.example.org/graphql',
      ws: 'wss://hub.example.org/graphql',
    });
  });
});

describe('createHubClient', () => {
  it('turns an unreachable gateway into a NETWORK_ERROR', async () => {
    const client = createHubClient({ url: `http://127.0.0.1:${await closedPort()}`, token: 'ohs_x' });
    const error = await client.query(MeDocument).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe(ClientErrorCode.NETWORK_ERROR);
  });

  it('fails a subscription to an unreachable gateway with a HubError', async () => {
    const client = createHubClient({ url: `http://127.0.0.1:${await closedPort()}`, retryAttempts: 0 });
    const iterator = client.subscribe(OusStateChangedDocument, { programId: '2025.1.00001.S' });
    const error = await iterator.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe(ClientErrorCode.NETWORK_ERROR);
    await client.close();
  });

  it('types variables from the document', () => {
    const client = createHubClient({ url: 'http://127.0.0.1:9' });
    // Compile-time checks only: these calls are never awaited against a server.
    const typed = (): unknown[] => [
      client.query(MeDocument),
      client.query(ObsUnitSetsDocument),
      client.query(ObsUnitSetsDocument, { state: 'PROCESSING', first: 10 }),
      client.mutate(LoginDocument, { username: 'a', password: 'b' }),
      // @ts-expect-error login needs its variables
      client.mutate(LoginDocument),
      // @ts-expect-error not an OusState
      client.query(ObsUnitSetsDocument, { state: 'DONE' }),
    ];
    expect(typeof typed).toBe('function');
  });
});
