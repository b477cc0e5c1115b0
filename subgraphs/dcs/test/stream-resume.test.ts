import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import type { SubgraphContext } from '@opshub/subgraph-kit';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { parse, subscribe, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDcsSchema, createDcsServices, seedDcsDemo, type DcsServices } from '../src/index.js';

const viewer = { id: '00000000-0000-4000-8000-000000000002', username: 'vera', roles: ['VIEWER' as const] };
const log = createLogger('test', 'silent');
let database: TestDatabase;
let db: Db;
let events: EventBus;
let services: DcsServices;
let schema: GraphQLSchema;

beforeAll(async () => {
  database = await createTestDatabase('dcs-resume');
  db = createDb(database.url, { max: 4 });
  await seedDcsDemo(db);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('dcs-resume'));
  services = createDcsServices(db, { databaseUrl: database.url, events, log });
  schema = (await buildDcsSchema(services)).schema;
});

afterAll(async () => {
  await services?.close();
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
});

type Stream = AsyncIterableIterator<ExecutionResult>;

/** Subscribes as a VIEWER through the dcs schema: the live stream, or the refusal. */
async function open(
  query: string,
  variableValues: Record<string, unknown> = {},
): Promise<Stream | ExecutionResult> {
  const contextValue: SubgraphContext = { user: viewer, requestId: 'dcs-resume-test', log };
  return (await subscribe({ schema, document: parse(query), contextValue, variableValues })) as
    Stream | ExecutionResult;
}

/** The next `n` results of a stream (the subscription is live once `open` resolved). */
async function take(stream: Stream | ExecutionResult, n: number): Promise<ExecutionResult[]> {
  if (!(Symbol.asyncIterator in stream)) throw new Error(`refused: ${JSON.stringify(stream.errors)}`);
  const out: ExecutionResult[] = [];
  while (out.length < n) {
    const next = await stream.next();
    if (next.done) break;
    out.push(JSON.parse(JSON.stringify(next.value)) as ExecutionResult);
  }
  return out;
}

const humid = (value: number, at: Date) => ({
  topic: 'ESP01/sensors/BME/humi',
  payload: Buffer.from(String(value)),
  receivedAt: at,
});

describe('dcs subscriptions resume after an eventId', () => {
  it('readingAdded: resuming after the last eventId received replays the batches published while away', async () => {
    const q = `subscription($after: String) { readingAdded(deviceId: "julabo", metric: "temperature", after: $after) { value eventId } }`;
    const t = Date.parse('2026-12-02T08:00:00Z');
    const row = (value: number) => ({
      deviceId: 'julabo',
      metric: 'temperature',
      value,
      at: new Date(t + value),
    });

    const first = (await open(q)) as Stream;
    await services.readings.ingest([row(1), row(2)]);
    const seen = await take(first, 2);
    await first.return?.();
    const batch = (seen as { data: { readingAdded: { value: number; eventId: string } } }[]).map(
      (r) => r.data.readingAdded,
    );
    expect(batch.map((r) => r.value)).toEqual([1, 2]);
    // One ingest, one event: both readings carry the batch's eventId.
    expect(batch[0]!.eventId).toMatch(/^\d+-\d+$/);
    expect(batch[1]!.eventId).toBe(batch[0]!.eventId);

    // Away: two more batches.
    await services.readings.ingest([row(3), row(4)]);
    await services.readings.ingest([row(5)]);

    const resumed = await open(q, { after: batch[1]!.eventId });
    const missed = await take(resumed, 3);
    await (resumed as Stream).return?.();
    expect(missed.map((r) => (r.data as { readingAdded: { value: number } }).readingAdded.value)).toEqual([
      3, 4, 5,
    ]);
  });

  it('alarmRaised: resuming after the last eventId received gets the alarm raised while away', async () => {
    const q = `subscription($after: String) { alarmRaised(after: $after) { id rule active eventId } }`;
    const first = (await open(q)) as Stream;
    await services.ingest.ingest('', [humid(66, new Date('2026-12-02T09:00:00Z'))]);
    const [raised] = await take(first, 1);
    await first.return?.();
    const alarm = (raised!.data as { alarmRaised: { id: string; rule: string; eventId: string } })
      .alarmRaised;
    expect(alarm.eventId).toMatch(/^\d+-\d+$/);

    // Away: the condition clears and comes back, a new alarm is raised.
    await services.ingest.ingest('', [humid(45, new Date('2026-12-02T09:00:01Z'))]);
    await services.ingest.ingest('', [humid(67, new Date('2026-12-02T09:00:02Z'))]);
    const [again] = await services.alarms.list(true);

    const resumed = await open(q, { after: alarm.eventId });
    const [missed] = await take(resumed, 1);
    await (resumed as Stream).return?.();
    expect(missed!.data).toEqual({
      alarmRaised: {
        id: again!.id,
        rule: alarm.rule,
        active: true,
        eventId: expect.stringMatching(/^\d+-\d+$/),
      },
    });
    expect(again!.id).not.toBe(alarm.id);
  });

  it.each([
    'readingAdded(after: "0-0") { value }',
    'alarmRaised(after: "0-0") { id }',
    'deviceStateChanged(after: "0-0") { id }',
  ])('%s older than the replay window is refused with RESUME_TOO_OLD', async (field) => {
    const result = await open(`subscription { ${field} }`);
    expect(Symbol.asyncIterator in result).toBe(false);
    expect((result as ExecutionResult).errors?.map((e) => e.extensions?.['code'])).toEqual([
      'RESUME_TOO_OLD',
    ]);
  });

  it('an after that is not an eventId is a BAD_USER_INPUT', async () => {
    const result = (await open('subscription { alarmRaised(after: "yesterday") { id } }')) as ExecutionResult;
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
  });
});
