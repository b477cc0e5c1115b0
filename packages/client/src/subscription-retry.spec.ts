import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { MeDocument, OusStateChangedDocument } from './documents.js';
import { backoffMs, createHubClient, type HubClient } from './hub-client.js';
import { HubError } from './hub-error.js';

/**
 * A hub at its wire (graphql-transport-ws over a real socket): acks every connection and hands each
 * subscribe message to `script`, with the number of subscribes seen so far (0-based).
 */
interface FakeHub {
  url: string;
  /** The variables of every subscribe message received, in order. */
  subscribes: Record<string, unknown>[];
  connections: number;
  close(): Promise<void>;
}

type Script = (n: number, send: (message: object) => void, socket: WebSocket, id: string) => void;

async function fakeHub(script: Script): Promise<FakeHub> {
  const server = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    handleProtocols: () => 'graphql-transport-ws',
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const hub: FakeHub = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    subscribes: [],
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of server.clients) c.terminate();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket) => {
    hub.connections += 1;
    const send = (message: object) => socket.send(JSON.stringify(message));
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as {
        type: string;
        id: string;
        payload: { variables?: Record<string, unknown> };
      };
      if (message.type === 'connection_init') send({ type: 'connection_ack' });
      if (message.type === 'subscribe') {
        const n = hub.subscribes.length;
        hub.subscribes.push(message.payload.variables ?? {});
        script(n, (m) => send({ id: message.id, ...m }), socket, message.id);
      }
    });
  });
  return hub;
}

const event = (eventId: string) => ({
  type: 'next',
  payload: { data: { ousStateChanged: { eventId, ous: { id: 'uid://A1/X1/X1', state: 'READY' } } } },
});
const failed = (code: string, extensions: Record<string, unknown> = {}) => ({
  type: 'next',
  payload: { errors: [{ message: `ended: ${code}`, extensions: { code, ...extensions } }] },
});
const complete = { type: 'complete' };

let hub: FakeHub | undefined;
let client: HubClient | undefined;
afterEach(async () => {
  await client?.close();
  await hub?.close();
  client = hub = undefined;
});

/** Every event's eventId until the subscription ends, or the HubError it ended with. */
async function drain(c: HubClient): Promise<{ ids: string[]; error?: HubError }> {
  const ids: string[] = [];
  try {
    for await (const e of c.subscribe(OusStateChangedDocument, { programId: '2019.1.00001.S' }))
      ids.push(e.ousStateChanged.eventId);
  } catch (error) {
    return { ids, error: error as HubError };
  }
  return { ids };
}

describe('subscriptions the hub ends for a passing reason are retried', () => {
  it.each(['UPSTREAM_UNAVAILABLE', 'SERVICE_UNAVAILABLE'])(
    'ended by %s: subscribes again with after = the last eventId, and the script sees no error',
    async (code) => {
      hub = await fakeHub((n, send) => {
        if (n === 0) {
          send(event('1-0'));
          send(event('2-0'));
          send(failed(code));
          send(complete);
        } else {
          send(event('3-0'));
          send(complete);
        }
      });
      client = createHubClient({ url: hub.url, retryDelayMs: 5 });
      expect(await drain(client)).toEqual({ ids: ['1-0', '2-0', '3-0'] });
      expect(hub.subscribes).toEqual([
        { programId: '2019.1.00001.S' },
        { programId: '2019.1.00001.S', after: '2-0' },
      ]);
    },
  );

  it('the same when the hub sends the failure as an error message', async () => {
    hub = await fakeHub((n, send) => {
      if (n === 0) {
        send(event('1-0'));
        send({
          type: 'error',
          payload: [{ message: 'dcs restarted', extensions: { code: 'UPSTREAM_UNAVAILABLE' } }],
        });
      } else {
        send(event('2-0'));
        send(complete);
      }
    });
    client = createHubClient({ url: hub.url, retryDelayMs: 5 });
    expect(await drain(client)).toEqual({ ids: ['1-0', '2-0'] });
    expect(hub.subscribes[1]).toMatchObject({ after: '1-0' });
  });

  it('a socket closed with 1013 (fell behind) reconnects and resumes after the last eventId', async () => {
    hub = await fakeHub((n, send, socket) => {
      if (n === 0) {
        send(event('1-0'));
        setImmediate(() => socket.close(1013, 'subscriber fell behind'));
      } else {
        send(event('2-0'));
        send(complete);
      }
    });
    client = createHubClient({ url: hub.url, retryDelayMs: 5 });
    expect(await drain(client)).toEqual({ ids: ['1-0', '2-0'] });
    expect(hub.connections).toBe(2);
    expect(hub.subscribes[1]).toMatchObject({ after: '1-0' });
  });

  it('gives up after retryAttempts retries in a row and throws the code', async () => {
    hub = await fakeHub((_n, send) => {
      send(failed('UPSTREAM_UNAVAILABLE'));
      send(complete);
    });
    client = createHubClient({ url: hub.url, retryDelayMs: 5, retryAttempts: 3 });
    const { ids, error } = await drain(client);
    expect(ids).toEqual([]);
    expect(error).toBeInstanceOf(HubError);
    expect(error!.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(hub.subscribes).toHaveLength(4);
  });

  it('RESUME_TOO_OLD is thrown at once as a HubError with that code (the script refetches)', async () => {
    hub = await fakeHub((_n, send) => {
      send(failed('RESUME_TOO_OLD'));
      send(complete);
    });
    client = createHubClient({ url: hub.url, retryDelayMs: 5 });
    const { error } = await drain(client);
    expect(error).toBeInstanceOf(HubError);
    expect(error!.code).toBe('RESUME_TOO_OLD');
    expect(hub.subscribes).toHaveLength(1);
  });
});

describe('backoffMs', () => {
  it('doubles per attempt from the first delay, capped at 30 s, plus at most 50 % jitter', () => {
    for (const [attempt, base] of [
      [1, 1000],
      [2, 2000],
      [4, 8000],
      [10, 30_000],
    ] as const) {
      const ms = backoffMs(attempt, 1000);
      expect(ms).toBeGreaterThanOrEqual(base);
      expect(ms).toBeLessThanOrEqual(base * 1.5);
    }
  });
});

describe('RATE_LIMITED on a query', () => {
  it('is not retried; the HubError exposes retryAfterSeconds', async () => {
    const { createServer } = await import('node:http');
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [
            { message: 'Too many requests', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 7 } },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const c = createHubClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      const error = (await c.query(MeDocument).catch((e: unknown) => e)) as HubError;
      expect(error).toBeInstanceOf(HubError);
      expect(error.code).toBe('RATE_LIMITED');
      expect(error.retryAfterSeconds).toBe(7);
      expect(requests).toBe(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
