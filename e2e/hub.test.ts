// The platform as a user meets it: login, one query joining two subgraphs, one subscription joining two subgraphs.
import { SUBGRAPHS } from '@opshub/config';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PASSWORD, startHub, type Hub } from './hub.js';

// Response bodies are checked with toEqual/toMatchObject, so a loose shape is enough here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

let hub: Hub;
beforeAll(async () => {
  hub = await startHub({ label: 'e2e-hub' });
});
afterAll(async () => {
  await hub?.stop();
});

async function post(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(hub.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Json | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

describe('the hub end to end', () => {
  it('logs in with a password and answers me with the session token', async () => {
    const login = await post(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username roles } } }',
      { u: 'operator', p: PASSWORD },
    );
    expect(login.errors).toBeUndefined();
    expect(login.data!['login'].user).toEqual({ username: 'operator', roles: ['OPERATOR'] });
    const me = await post('{ me { username roles } }', {}, login.data!['login'].token);
    expect(me.data!['me']).toEqual({ username: 'operator', roles: ['OPERATOR'] });
    const wrong = await post(
      'mutation { login(username: "operator", password: "nope-nope-nope") { token } }',
    );
    expect(wrong.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('refuses a VIEWER a mutation with FORBIDDEN', async () => {
    const r = await post(
      'mutation { createObsUnitSet(programId: "2015.1.00657.S", id: "uid://V1/V1/V1") { id } }',
      {},
      await hub.token('viewer'),
    );
    expect(r.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('joins workflow and ops in one query: each transition with the username of its actor', async () => {
    const admin = await hub.token('admin');
    const created = await post(
      'mutation { createObsUnitSet(programId: "2015.1.00657.S", id: "uid://X1/X1/Xe1") { id state } }',
      {},
      admin,
    );
    expect(created.data!['createObsUnitSet']).toEqual({
      id: 'uid://X1/X1/Xe1',
      state: 'READY_FOR_PROCESSING',
    });
    const r = await post(
      '{ obsUnitSet(id: "uid://X1/X1/Xe1") { id programId state history { from to actor { username } } } }',
      {},
      await hub.token('viewer'),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!['obsUnitSet']).toEqual({
      id: 'uid://X1/X1/Xe1',
      programId: '2015.1.00657.S',
      state: 'READY_FOR_PROCESSING',
      history: [{ from: null, to: 'READY_FOR_PROCESSING', actor: { username: 'admin' } }],
    });
  });

  it('delivers ousStateChanged at the gateway within 1 s of the mutation, with the actor resolved by ops', async () => {
    const client: Client = createClient({
      url: hub.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await hub.token('viewer')}` },
      retryAttempts: 0,
    });
    const received = new Promise<{ data: Json; at: number }>((resolve, reject) => {
      client.subscribe(
        {
          query:
            'subscription { ousStateChanged(programId: "2019.1.00001.S") { eventId ous { id state } transition { to actor { username } } } }',
        },
        {
          next: (value) => resolve({ data: value.data as Json, at: Date.now() }),
          error: reject,
          complete: () => undefined,
        },
      );
    });
    // The subscription is live once the gateway has opened its upstream; a first event proves it.
    let sent = 0;
    let first: { data: Json; at: number } | undefined;
    const admin = await hub.token('admin');
    const deadline = Date.now() + 5_000;
    while (!first && Date.now() < deadline) {
      sent = Date.now();
      await post(
        `mutation { createObsUnitSet(programId: "2019.1.00001.S", id: "uid://S1/S1/S${sent}") { id } }`,
        {},
        admin,
      );
      first = await Promise.race([
        received,
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 250)),
      ]);
    }
    await client.dispose();
    expect(first, 'no event within 5 s').toBeDefined();
    expect(first!.at - sent).toBeLessThan(1_000);
    expect(first!.data.ousStateChanged).toMatchObject({
      ous: { id: expect.stringMatching(/^uid:\/\/S1\/S1\/S\d+$/), state: 'READY_FOR_PROCESSING' },
      transition: { to: 'READY_FOR_PROCESSING', actor: { username: 'admin' } },
    });
  });

  it('reports every subgraph up on /readyz', async () => {
    const ready = (await (await fetch(`${hub.url}/readyz`)).json()) as {
      status: string;
      subgraphs: { name: string; up: boolean }[];
    };
    expect(ready.status).toBe('ok');
    expect(ready.subgraphs.map((s) => s.name).sort()).toEqual(SUBGRAPHS.map((s) => s.name).sort());
    expect(ready.subgraphs.every((s) => s.up)).toBe(true);
  });
});
