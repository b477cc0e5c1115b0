import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  brokerMessageRestHandler,
  createAlertsServices,
  type AlertsServices,
  type RestHandler,
} from '@opshub/alerts';
import type { Principal } from '@opshub/auth';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { startPushBroker, type PushBroker } from '@opshub/simulators/brokers';
import {
  createTestDatabase,
  deleteKeys,
  testRedisUrl,
  uniquePrefix,
  type TestDatabase,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const prefix = uniquePrefix('broker-push');
const TOKENS: Record<string, Principal> = {
  'broker-token': { id: 'b1', username: 'apibroker', roles: ['BROKER'] },
  'viewer-token': { id: 'v1', username: 'viewer', roles: ['VIEWER'] },
};
let database: TestDatabase;
let db: Db;
let events: EventBus;
let alerts: AlertsServices;
let handler: RestHandler;
let server: Server;
let hubUrl: string;
let broker: PushBroker;

/** The handler behind a bare HTTP server, as the TOM router hands it requests (JSON body, bearer user). */
function serve(): Promise<string> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = undefined;
        }
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const user = token ? TOKENS[token] : undefined;
        const reply = await handler({
          body,
          query: {},
          requestId: 'r',
          baseUrl: hubUrl,
          ...(user ? { user } : {}),
        });
        const text = JSON.stringify(reply.body, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(text);
      })();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

const alertsToClassify = Array.from({ length: 5 }, (_, i) => ({
  alertId: (9_007_199_254_740_993n + BigInt(i)).toString(),
  diaSourceId: (9_007_199_254_740_993n + BigInt(i)).toString(),
  gentype: [10, 20, 30, 50, 80][i]!,
}));

beforeAll(async () => {
  database = await createTestDatabase('workers-broker-push');
  db = createDb(database.url, { max: 2 });
  events = await EventBus.connect(testRedisUrl(), prefix);
  alerts = createAlertsServices(db, { databaseUrl: database.url, events, log: createLogger('t', 'silent') });
  handler = brokerMessageRestHandler(alerts.brokerMessages);
  hubUrl = await serve();
  broker = startPushBroker({ hubUrl, token: 'broker-token' });
});

afterAll(async () => {
  broker?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await alerts?.close();
  await events?.close();
  await deleteKeys(testRedisUrl(), prefix);
  await db?.$disconnect();
  await database?.drop();
});

describe('the push broker against PUT /elasticc2/brokermessage/', () => {
  it('answers as the TOM: 201, {brokerMessageId, num_loaded} and the Location of the first message', async () => {
    const reply = await broker.push(alertsToClassify);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ num_loaded: 5, duplicates: 0, rejected: [] });
    const [first] = await db.$queryRaw<{ id: bigint; alertId: string }[]>`
      SELECT id, alert_id::text AS "alertId" FROM alerts.broker_message ORDER BY id LIMIT 1`;
    expect(reply.body.brokerMessageId).toBe(Number(first!.id));
    expect(reply.location).toBe(`${hubUrl}/elasticc2/brokermessage/${first!.id}`);
    // 64-bit ids sent as strings are stored exactly.
    expect(first!.alertId).toBe('9007199254740993');
  });

  it('counts the same record pushed again as a duplicate (brokerMessageId -1, nothing loaded)', async () => {
    const [stored] = await db.$queryRaw<{ classIds: number[] }[]>`
      SELECT class_ids::int[] AS "classIds" FROM alerts.broker_message ORDER BY id LIMIT 1`;
    const again = await fetch(`${hubUrl}/elasticc2/brokermessage/`, {
      method: 'PUT',
      headers: { authorization: 'Bearer broker-token' },
      body: JSON.stringify({
        alertId: '9007199254740993',
        diaSourceId: '9007199254740993',
        elasticcPublishTimestamp: 1_700_000_000_000,
        brokerIngestTimestamp: null,
        brokerName: 'PushBroker',
        brokerVersion: '2.1',
        classifierName: 'XGBoost 1.7',
        classifierParams: 'balanced',
        // Same alert, classifier and classes: a duplicate whatever the probabilities.
        classifications: stored!.classIds.map((classId) => ({ classId, probability: 0.1 })),
      }),
    });
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ brokerMessageId: -1, num_loaded: 0, duplicates: 1 });
  });

  it('refuses a VIEWER (403 with its code), an anonymous caller (401) and a bad body (400 BAD_USER_INPUT)', async () => {
    const put = (token: string | null, body: string) =>
      fetch(`${hubUrl}/elasticc2/brokermessage/`, {
        method: 'PUT',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        body,
      });
    const viewer = await put('viewer-token', '[]');
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toMatchObject({ status: 'error', code: 'FORBIDDEN' });
    expect((await put(null, '[]')).status).toBe(401);
    const bad = await put('broker-token', '"not a record"');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 'error', code: 'BAD_USER_INPUT' });
    const lost = await put(
      'broker-token',
      '{"alertId": 9007199254740993, "diaSourceId": 1, "elasticcPublishTimestamp": 1, "brokerName": "b", "brokerVersion": "1", "classifierName": "c", "classifierParams": "", "classifications": [{"classId": 2222, "probability": 1}]}',
    );
    expect(lost.status).toBe(400);
    expect((await lost.json()) as { error: string }).toMatchObject({ error: expect.stringMatching(/2\^53/) });
  });

  it('takes exact 64-bit integers (bigints, as the router parses big JSON numbers)', async () => {
    const reply = await handler({
      body: [
        {
          alertId: 9_007_199_254_740_999n,
          diaSourceId: 9_007_199_254_740_999n,
          elasticcPublishTimestamp: 1_700_000_000_000,
          brokerName: 'b',
          brokerVersion: '1',
          classifierName: 'c',
          classifierParams: '',
          classifications: [{ classId: 2222, probability: 1 }],
        },
      ],
      query: {},
      requestId: 'r',
      baseUrl: 'https://hub.example',
      user: TOKENS['broker-token']!,
    });
    expect(reply.status).toBe(201);
    const [row] = await db.$queryRaw<{ a: string }[]>`
      SELECT alert_id::text AS a FROM alerts.broker_message WHERE alert_id = 9007199254740999`;
    expect(row?.a).toBe('9007199254740999');
  });
});
