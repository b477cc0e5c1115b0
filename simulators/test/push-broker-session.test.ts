// The push broker of `npm run up` signs in through the gateway's `login` mutation and PUTs to
// /elasticc2/brokermessage/ (issue 9 item 8). Against a hub simulated at its wire: a hub that is not
// up yet, then one whose session expires (401), loses no alert — each is PUT once it is accepted.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertStreamServer, type AlertStreamServer } from '../src/alert-stream/alert-stream-server.js';
import { hubSession } from '../src/brokers/hub-session.js';
import { startPushBroker } from '../src/brokers/push-broker.js';

const PASSWORD = 'broker-password-1';
let stream: AlertStreamServer;
let hub: Server;
let hubUrl: string;
/** What the simulated hub does: 'down' (503 to everything), 'up'. */
let state: 'down' | 'up' = 'down';
let sessions = 0;
const valid = new Set<string>();
const logins: string[] = [];
const accepted: string[] = [];
const puts: { token: string; status: number }[] = [];

const body = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

beforeAll(async () => {
  stream = await startAlertStreamServer({ initialBatches: 2, population: 10, seed: 5 });
  hub = createServer((req, res) => {
    void (async () => {
      const text = await body(req);
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (state === 'down') return reply(503, { status: 'error', error: 'not ready' });
      if (req.method === 'POST' && req.url === '/graphql') {
        const { variables } = JSON.parse(text) as { variables: { u: string; p: string } };
        logins.push(variables.u);
        if (variables.p !== PASSWORD)
          return reply(200, { data: null, errors: [{ message: 'Invalid username or password' }] });
        const token = `t${++sessions}`;
        valid.add(token);
        return reply(200, { data: { login: { token } } });
      }
      if (req.method === 'PUT' && req.url === '/elasticc2/brokermessage/') {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const status = valid.has(token) ? 201 : 401;
        puts.push({ token, status });
        if (status === 401) return reply(401, { status: 'error', code: 'UNAUTHENTICATED' });
        const records = JSON.parse(text) as { alertId: string }[];
        accepted.push(...records.map((r) => r.alertId));
        return reply(201, { brokerMessageId: accepted.length, num_loaded: records.length });
      }
      reply(404, {});
    })();
  });
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => (hub ? hub.close(() => resolve()) : resolve()));
  await stream?.close();
});

describe('the push broker signed in through the hub', () => {
  it('waits for the hub, signs in again after a 401, and PUTs every alert of the stream once', async () => {
    const broker = startPushBroker({
      hubUrl,
      token: hubSession(hubUrl, 'broker', PASSWORD),
      streamUrl: stream.url,
    });
    // The hub is not up: the round fails before the stream's cursor moves.
    await expect(broker.follow()).rejects.toThrow(/refused the broker login of broker: HTTP 503/);
    expect(stream.requests.filter((p) => p.startsWith('/batches'))).toEqual([]);

    state = 'up';
    const first = await broker.follow();
    expect(first?.status).toBe(201);
    const streamed = accepted.length;
    expect(streamed).toBeGreaterThan(0);
    expect(logins).toEqual(['broker']);

    // The session expires: the PUT is refused, the alerts are kept, the next round signs in again.
    valid.clear();
    await stream.addBatch();
    expect((await broker.follow())?.status).toBe(401);
    expect(accepted).toHaveLength(streamed);
    expect((await broker.follow())?.status).toBe(201);
    expect(logins).toEqual(['broker', 'broker']);
    expect(puts.map((p) => p.token)).toEqual(['t1', 't1', 't2']);
    // Every alert of the three batches, each once.
    expect(new Set(accepted).size).toBe(accepted.length);
    expect(accepted.length).toBeGreaterThan(streamed);
    expect(await broker.follow()).toBeNull();
    broker.close();
  });

  it('names the refusal of a wrong password', async () => {
    await expect(hubSession(hubUrl, 'broker', 'wrong-password').token()).rejects.toThrow(
      'the hub refused the broker login of broker: Invalid username or password',
    );
  });
});
