// DiaSource.truth (issue 9): the simulation's truth of a detection (gentype through the taxonomy,
// MJD, detect, true magnitude), null where none was received, VIEWER only, and one database query
// for all the sources of a list (an alert's previous detections), not one per source.
import { randomUUID } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { HARNESS_USER_ID } from '@opshub/testing';
import { graphql, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeAlertContainer } from '../src/index.js';
import { startHarness, type Harness } from './harness.js';
import { lightCurveAlerts, OBJECT_ID } from './light-curve.fixture.js';

let h: Harness;
const alerts = lightCurveAlerts();
const last = alerts.at(-1)!;
/** Truth for every detection but the first two (their truth was never received). */
const withTruth = alerts.slice(2);

beforeAll(async () => {
  h = await startHarness('alerts-source-truth');
  await h.services.ingest.ingestBytes('lc.avro', await encodeAlertContainer(alerts));
  await h.db.diaSourceTruth.createMany({
    data: withTruth.map((a, i) => ({
      diaSourceId: a.diaSource.diaSourceId,
      diaObjectId: OBJECT_ID,
      mjd: a.diaSource.midPointTai,
      detect: i % 3 !== 0,
      // 10: SNIa-SALT2 in the ELAsTiCC taxonomy (class 2222, Ia).
      gentype: 10,
      genmag: i === 0 ? null : 20 + i / 8,
    })),
  });
});
afterAll(async () => {
  await h?.close();
});

const ALERT = `query($id: ID!) { alert(id: $id) {
  diaSource { id truth { gentype classId className mjd detect genmag } }
  prvDiaSources { id truth { gentype classId mjd detect genmag } } } }`;

type Truth = { gentype: number; classId: number | null; mjd: number; detect: boolean; genmag: number | null };
type Reply = {
  alert: {
    diaSource: { id: string; truth: (Truth & { className: string | null }) | null };
    prvDiaSources: { id: string; truth: Truth | null }[];
  };
};

describe('DiaSource.truth', () => {
  it("serves each detection's truth, null without, in one query for all the sources of a list", async () => {
    const batches = vi.spyOn(h.services.sourceTruth, 'bySourceIds');
    const result = await h.exec<Reply>(ALERT, { id: last.alertId.toString() }, 'VIEWER');
    expect(result.errors).toBeUndefined();
    const { diaSource, prvDiaSources } = result.data!.alert;
    const i = withTruth.length - 1;
    expect(diaSource).toEqual({
      id: last.diaSource.diaSourceId.toString(),
      truth: {
        gentype: 10,
        classId: 2222,
        className: 'Ia',
        mjd: last.diaSource.midPointTai,
        detect: i % 3 !== 0,
        genmag: 20 + i / 8,
      },
    });
    expect(prvDiaSources).toHaveLength(alerts.length - 1);
    expect(prvDiaSources.slice(0, 2).map((s) => s.truth)).toEqual([null, null]);
    expect(prvDiaSources[2]!.truth).toEqual({
      gentype: 10,
      classId: 2222,
      mjd: alerts[2]!.diaSource.midPointTai,
      detect: false,
      genmag: null,
    });
    expect(prvDiaSources[3]!.truth?.genmag).toBeCloseTo(20.125, 6);
    // One call (one findMany) per level the sources resolve at, not one per source: the alert's
    // diaSource, then its 39 previous detections together.
    expect(batches.mock.calls.map(([ids]) => ids.length).sort((a, b) => a - b)).toEqual([
      1,
      alerts.length - 1,
    ]);
    batches.mockRestore();
  });

  it('is for viewers: a broker-only account reads the detection but not its truth', async () => {
    const q = `query($id: ID!) { diaSource(id: $id) { id truth { gentype } } }`;
    const id = last.diaSource.diaSourceId.toString();
    // The harness signs in ranked roles only: a BROKER-only caller is made here, as the gateway vouches for one.
    const broker = (await graphql({
      schema: h.schema,
      source: q,
      variableValues: { id },
      contextValue: {
        user: { id: HARNESS_USER_ID, username: 'broker', roles: ['BROKER'] },
        requestId: randomUUID(),
        log: createLogger('t', 'silent'),
      },
    })) as ExecutionResult<{ diaSource: { id: string; truth: unknown } }>;
    expect(broker.errors?.map((e) => [e.path?.join('.'), e.extensions?.['code']])).toEqual([
      ['diaSource.truth', 'FORBIDDEN'],
    ]);
    expect(broker.data?.diaSource).toEqual({ id, truth: null });
    expect((await h.exec(q, { id }, 'anonymous')).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
