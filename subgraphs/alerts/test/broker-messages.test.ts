import { randomUUID } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { EventBus } from '@opshub/events';
import { deleteKeys, testRedisUrl, uniquePrefix, waitFor } from '@opshub/testing';
import { graphql, parse, subscribe, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAlertContainer } from '../src/index.js';
import { startHarness, type Harness } from './harness.js';
import { lightCurveAlerts, OBJECT_ID } from './light-curve.fixture.js';

let h: Harness;
let events: EventBus;
const prefix = uniquePrefix('broker-messages');
const alerts = lightCurveAlerts();
const T0 = Date.UTC(2026, 11, 1);

/** A brokerClassification record of alert n of the fixture (its ids as exact decimal strings). */
function record(n: number, classes: [number, number][], classifierName = 'SNN 1.0', at = T0 + n * 1000) {
  return {
    alertId: (OBJECT_ID * 100n + BigInt(n)).toString(),
    diaSourceId: (OBJECT_ID * 100n + BigInt(n)).toString(),
    elasticcPublishTimestamp: at,
    brokerIngestTimestamp: at + 500,
    brokerPublishTimestamp: at + 900,
    brokerName: 'Fink',
    brokerVersion: '3.1',
    classifierName,
    classifierParams: 'default',
    classifications: classes.map(([classId, probability]) => ({ classId, probability })),
  };
}

beforeAll(async () => {
  events = await EventBus.connect(testRedisUrl(), prefix);
  h = await startHarness('broker-messages', events);
  await h.services.ingest.ingestBytes('lc.avro', await encodeAlertContainer(alerts));
});
afterAll(async () => {
  await h?.close();
  await events?.close();
  await deleteKeys(testRedisUrl(), prefix);
});

/** Executes as a user holding `role` (the harness's callers have no capability roles). */
async function execAs<T>(source: string, variables: Record<string, unknown>, role: string) {
  const contextValue = {
    user: { id: randomUUID(), username: role.toLowerCase(), roles: [role] },
    requestId: randomUUID(),
    log: createLogger('test', 'silent'),
  };
  return JSON.parse(
    JSON.stringify(await graphql({ schema: h.schema, source, variableValues: variables, contextValue })),
  ) as ExecutionResult<T>;
}

const SUBMIT = `mutation($m: [BrokerMessageInput!]!) { submitBrokerMessages(messages: $m) {
  brokerMessageId numLoaded duplicates rejected { index reason } } }`;

describe('broker messages', () => {
  it('stores a batch, counts duplicates instead of storing them twice, and rejects bad records with their reason', async () => {
    const first = await execAs<{ submitBrokerMessages: Record<string, unknown> }>(
      SUBMIT,
      {
        m: [
          record(0, [
            [2222, 0.7],
            [2224, 0.3],
          ]),
          record(1, [
            [2222, 0.8],
            [2224, 0.2],
          ]),
        ],
      },
      'BROKER',
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitBrokerMessages).toMatchObject({ numLoaded: 2, duplicates: 0, rejected: [] });
    expect(first.data!.submitBrokerMessages.brokerMessageId).toMatch(/^\d+$/);

    const again = await h.services.brokerMessages.submit(
      [
        record(1, [
          [2222, 0.8],
          [2224, 0.2],
        ]),
        record(2, [[2222, 0.9]]),
        record(2, [[2222, 0.9]]),
        { ...record(3, [[2222, 0.5]]), alertId: Number(OBJECT_ID * 100n + 3n) },
        record(3, [[9999, 0.5]]),
        record(3, [[2222, 1.5]]),
      ],
      { id: 'b', username: 'broker', roles: ['BROKER'] },
    );
    expect(again).toMatchObject({ numLoaded: 1, duplicates: 2 });
    expect(again.rejected.map((r) => r.index)).toEqual([3, 4, 5]);
    expect(again.rejected[0]!.reason).toMatch(/above 2\^53.*lost/);
    expect(again.rejected[1]!.reason).toMatch(/not in the ELAsTiCC taxonomy/);
    expect(again.rejected[2]!.reason).toMatch(/probability/);
    const [{ n }] = await h.db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM alerts.broker_message`;
    expect(n).toBe(3);

    const figures = await h.exec<{ brokerFigures: Record<string, unknown>[] }>(
      `{ brokerFigures { classifier { classifierName } messages duplicates delayP50Seconds alertsSent alertsClassified completeness } }`,
    );
    expect(figures.errors).toBeUndefined();
    expect(figures.data!.brokerFigures).toEqual([
      expect.objectContaining({
        classifier: { classifierName: 'SNN 1.0' },
        messages: 3,
        duplicates: 2,
        alertsSent: 40,
        alertsClassified: 3,
        completeness: 3 / 40,
      }),
    ]);
  });

  it('refuses a VIEWER and lets a BROKER or an ADMIN submit', async () => {
    const viewer = await h.exec(SUBMIT, { m: [record(5, [[2222, 0.5]])] }, 'VIEWER');
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await expect(
      h.services.brokerMessages.submit([record(5, [[2222, 0.5]])], {
        id: 'v',
        username: 'v',
        roles: ['OPERATOR'],
      }),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const admin = await h.exec<{ submitBrokerMessages: { numLoaded: number } }>(
      SUBMIT,
      { m: [record(5, [[2222, 0.5]])] },
      'ADMIN',
    );
    expect(admin.data?.submitBrokerMessages.numLoaded).toBe(1);
  });

  it('registers a classifier once under concurrent submits', async () => {
    const broker = { id: 'b', username: 'broker', roles: ['BROKER' as const] };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        h.services.brokerMessages.submit([record(10 + i, [[2232, 0.6]], 'KN-hunter')], broker),
      ),
    );
    expect(results.map((r) => r.numLoaded)).toEqual(Array(8).fill(1));
    const { data } = await h.exec<{ classifiers: { id: string; classifierName: string }[] }>(
      '{ classifiers { id classifierName } }',
    );
    expect(data!.classifiers.filter((c) => c.classifierName === 'KN-hunter')).toHaveLength(1);
  });

  it("keeps each object's latest classification per classifier by elasticcPublishTimestamp, and every message in history", async () => {
    const broker = { id: 'b', username: 'broker', roles: ['BROKER' as const] };
    // An older alert's message arriving late does not replace the latest one.
    await h.services.brokerMessages.submit(
      [
        record(
          30,
          [
            [2242, 0.9],
            [2222, 0.1],
          ],
          'Late',
          T0 + 30_000,
        ),
      ],
      broker,
    );
    await h.services.brokerMessages.submit([record(4, [[2224, 0.95]], 'Late', T0 + 4_000)], broker);
    const { data, errors } = await h.exec<{
      diaObject: {
        classifications: {
          classifier: { classifierName: string };
          classId: number;
          className: string;
          probability: number;
          alertId: string;
        }[];
        all: unknown[];
      };
    }>(
      `query($id: ID!) { diaObject(id: $id) {
         classifications { classifier { classifierName } classId className probability alertId }
         all: classifications(history: true) { brokerMessageId } } }`,
      { id: OBJECT_ID.toString() },
    );
    expect(errors).toBeUndefined();
    const late = data!.diaObject.classifications.filter((c) => c.classifier.classifierName === 'Late');
    expect(late).toEqual([
      {
        classifier: { classifierName: 'Late' },
        classId: 2242,
        className: 'SLSN',
        probability: expect.closeTo(0.9, 5),
        alertId: (OBJECT_ID * 100n + 30n).toString(),
      },
      {
        classifier: { classifierName: 'Late' },
        classId: 2222,
        className: 'Ia',
        probability: expect.closeTo(0.1, 5),
        alertId: (OBJECT_ID * 100n + 30n).toString(),
      },
    ]);
    const snn = data!.diaObject.classifications.filter((c) => c.classifier.classifierName === 'SNN 1.0');
    expect(snn.map((c) => c.alertId)).toEqual([(OBJECT_ID * 100n + 5n).toString()]);
    const [{ entries }] = await h.db.$queryRaw<{ entries: number }[]>`
      SELECT sum(cardinality(class_ids))::int AS entries FROM alerts.broker_message`;
    expect(data!.diaObject.all).toHaveLength(entries);
  });

  it('filters diaObjects by a latest classification: classifier, class and its probability', async () => {
    const { data } = await h.exec<{ classifiers: { id: string; classifierName: string }[] }>(
      '{ classifiers { id classifierName } }',
    );
    const late = data!.classifiers.find((c) => c.classifierName === 'Late')!.id;
    const ids = async (filter: Record<string, unknown>): Promise<[string[], number]> => {
      const r = await h.exec<{ diaObjects: { totalCount: number; edges: { node: { id: string } }[] } }>(
        'query($f: DiaObjectFilter) { diaObjects(filter: $f) { totalCount edges { node { id } } } }',
        { f: filter },
      );
      expect(r.errors).toBeUndefined();
      return [r.data!.diaObjects.edges.map((e) => e.node.id), r.data!.diaObjects.totalCount];
    };
    const object = [[OBJECT_ID.toString()], 1];
    expect(await ids({ classifierId: late, classId: 2242, minProbability: 0.85 })).toEqual(object);
    expect(await ids({ classifierId: late, classId: 2242, minProbability: 0.95 })).toEqual([[], 0]);
    // The class of an older message of the same classifier is not its latest.
    expect(await ids({ classifierId: late, classId: 2224 })).toEqual([[], 0]);
    expect(await ids({ classId: 2232, minDetections: 40 })).toEqual(object);
    expect(await ids({ minProbability: 0.85, maxDetections: 10 })).toEqual([[], 0]);
    const bad = await h.exec('{ diaObjects(filter: { minProbability: 2 }) { totalCount } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages hot transients detected since an MJD', async () => {
    const { data, errors } = await h.exec<{
      hotTransients: { totalCount: number; edges: { node: { id: string } }[] };
    }>('{ hotTransients(detectedSinceMjd: 60839, first: 10) { totalCount edges { node { id } } } }');
    expect(errors).toBeUndefined();
    expect(data!.hotTransients.edges.map((e) => e.node.id)).toEqual([OBJECT_ID.toString()]);
    const none = await h.exec<{ hotTransients: { totalCount: number } }>(
      '{ hotTransients(detectedSinceMjd: 60900) { totalCount } }',
    );
    expect(none.data!.hotTransients.totalCount).toBe(0);
  });

  it('delivers classificationAdded entries filtered on the server', async () => {
    const sub = (await subscribe({
      schema: h.schema,
      document:
        parse(`subscription { classificationAdded(objectId: "${OBJECT_ID}", classId: 2222, minProbability: 0.5) {
        classId probability alertId classifier { classifierName } } }`),
      contextValue: {
        user: { id: randomUUID(), username: 'viewer', roles: ['VIEWER'] },
        requestId: randomUUID(),
        log: createLogger('test', 'silent'),
      },
    })) as AsyncGenerator<ExecutionResult<{ classificationAdded: Record<string, unknown> }>>;
    const got: Record<string, unknown>[] = [];
    const reading = (async () => {
      for await (const r of sub) {
        expect(r.errors).toBeUndefined();
        got.push(r.data!.classificationAdded);
      }
    })();
    const broker = { id: 'b', username: 'broker', roles: ['BROKER' as const] };
    // Each round a new classifier (so nothing is a duplicate) until the subscriber is listening.
    let round = 0;
    await waitFor(async () => {
      round += 1;
      await h.services.brokerMessages.submit(
        [
          record(
            20,
            [
              [2222, 0.3],
              [2224, 0.7],
            ],
            `Feed ${round}`,
          ), // below minProbability
          record(21, [[2224, 0.99]], `Feed ${round}`), // another class
          record(
            22,
            [
              [2222, 0.75],
              [2225, 0.25],
            ],
            `Feed ${round}`,
          ), // kept: its 2222 entry only
        ],
        broker,
      );
      return got.length > 0;
    }, 'a classificationAdded entry');
    await sub.return(undefined);
    await reading;
    expect(got.length).toBeGreaterThan(0);
    for (const entry of got)
      expect(entry).toMatchObject({
        classId: 2222,
        probability: expect.closeTo(0.75, 5),
        alertId: (OBJECT_ID * 100n + 22n).toString(),
      });
  });
});
