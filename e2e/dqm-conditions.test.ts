// DqmRun.conditions: a run of the dqm subgraph, with what the dcs subgraph's devices measured while it ran,
// in one query through the gateway (federation: dcs requires the run's start and end from dqm).
import { DeviceKind } from '@opshub/db/enums';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './hub.js';

let hub: Hub;
let viewer: string;
const start = new Date('2026-11-30T20:00:00Z');
const end = new Date('2026-11-30T21:00:00Z');
const at = (minutes: number): Date => new Date(start.getTime() + minutes * 60_000);

beforeAll(async () => {
  hub = await startHub({ label: 'e2e-dqm-conditions' });
  viewer = await hub.token('viewer');
  await hub.db.dqmRun.createMany({
    data: [
      { camera: 'NectarCAMQM', runNumber: 6001, startedAt: start, endedAt: end },
      { camera: 'NectarCAMQM', runNumber: 6002, startedAt: at(90), endedAt: null },
    ],
  });
  await hub.db.device.createMany({
    data: [
      { id: 'julabo', name: 'Chiller', kind: DeviceKind.CHILLER },
      { id: 'ESP01', name: 'Sensor board 1', kind: DeviceKind.SENSOR },
      { id: 'module-1/hv', name: 'Module 1 HV', kind: DeviceKind.POWER_SUPPLY_CHANNEL },
    ],
  });
  // Before, during (at 10, 20, 30 min) and after the first run; the HV channel only with `kinds`.
  const rows: [string, string, number, Date][] = [
    ['julabo', 'temperature', -30, at(-5)],
    ['julabo', 'temperature', -20, at(10)],
    ['julabo', 'temperature', -22, at(20)],
    ['julabo', 'temperature', -21, at(30)],
    ['julabo', 'temperature', -40, at(61)],
    ['ESP01', 'BME/dew', -35, at(15)],
    ['module-1/hv', 'vMon', 300, at(15)],
    ['julabo', 'temperature', -25, at(95)],
  ];
  for (const [deviceId, metric, value, when] of rows)
    await hub.db
      .$executeRaw`INSERT INTO dcs.reading (device_id, metric, value, at) VALUES (${deviceId}, ${metric}, ${value}, ${when})`;
  await hub.db.latestReading.createMany({
    data: [
      { deviceId: 'julabo', metric: 'temperature', value: -25, at: at(95) },
      { deviceId: 'ESP01', metric: 'BME/dew', value: -35, at: at(15) },
      { deviceId: 'module-1/hv', metric: 'vMon', value: 300, at: at(15) },
    ],
  });
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

async function run(runNumber: number, kinds?: string[]) {
  const response = await fetch(hub.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` },
    body: JSON.stringify({
      query: `query($n: Int!, $kinds: [DeviceKind!]) { dqmRun(camera: "NectarCAMQM", runNumber: $n) {
        runNumber conditionSummaries(kinds: $kinds) { device { id kind } metric min max avg count series(bucketSeconds: 600) { at count } }
        conditions(kinds: $kinds) { deviceId metric value at } } }`,
      variables: { n: runNumber, kinds },
    }),
  });
  const body = (await response.json()) as {
    data?: {
      dqmRun: { conditionSummaries: Record<string, unknown>[]; conditions: Record<string, unknown>[] };
    };
    errors?: unknown[];
  };
  expect(body.errors).toBeUndefined();
  return body.data!.dqmRun;
}

describe('DqmRun.conditions and conditionSummaries through the federation', () => {
  it("gives the chiller's and the sensors' readings taken during the run, not before or after", async () => {
    const { conditions, conditionSummaries } = await run(6001);
    expect(conditions).toEqual([
      { deviceId: 'julabo', metric: 'temperature', value: -20, at: '2026-11-30T20:10:00.000Z' },
      { deviceId: 'ESP01', metric: 'BME/dew', value: -35, at: '2026-11-30T20:15:00.000Z' },
      { deviceId: 'julabo', metric: 'temperature', value: -22, at: '2026-11-30T20:20:00.000Z' },
      { deviceId: 'julabo', metric: 'temperature', value: -21, at: '2026-11-30T20:30:00.000Z' },
    ]);
    expect(conditionSummaries).toEqual([
      {
        device: { id: 'ESP01', kind: 'SENSOR' },
        metric: 'BME/dew',
        min: -35,
        max: -35,
        avg: -35,
        count: 1,
        series: [{ at: '2026-11-30T20:10:00.000Z', count: 1 }],
      },
      {
        device: { id: 'julabo', kind: 'CHILLER' },
        metric: 'temperature',
        min: -22,
        max: -20,
        avg: -21,
        count: 3,
        series: [
          { at: '2026-11-30T20:10:00.000Z', count: 1 },
          { at: '2026-11-30T20:20:00.000Z', count: 1 },
          { at: '2026-11-30T20:30:00.000Z', count: 1 },
        ],
      },
    ]);
  });

  it('takes other device kinds when asked, and a run still going up to now', async () => {
    const hv = await run(6001, ['POWER_SUPPLY_CHANNEL']);
    expect(hv.conditionSummaries.map((c) => [c['metric'], c['count']])).toEqual([['vMon', 1]]);
    expect(hv.conditions.map((c) => [c['deviceId'], c['value']])).toEqual([['module-1/hv', 300]]);
    const open = await run(6002);
    expect(open.conditionSummaries.map((c) => [c['metric'], c['min'], c['count']])).toEqual([
      ['temperature', -25, 1],
    ]);
    expect(open.conditions.map((c) => c['value'])).toEqual([-25]);
  });
});
