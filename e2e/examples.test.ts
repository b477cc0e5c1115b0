// examples/ run as a scientist runs them, against a live hub: follow OUS transitions, stream DCS
// readings to CSV, watch the classifications of one class, dump a DQM run to CSV and JSON.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ALERTS_STREAMS } from '@opshub/alerts';
import { DCS_STREAMS } from '@opshub/dcs';
import { EventBus } from '@opshub/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repeatUntil, start } from './child-process.js';
import { startHub, type Hub } from './hub.js';

let hub: Hub;
let events: EventBus;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  hub = await startHub({ label: 'e2e-examples' });
  events = await EventBus.connect(hub.redisUrl, hub.redisPrefix);
  env = { OPSHUB_URL: hub.url, OPSHUB_TOKEN: await hub.token('viewer') };
  dir = await mkdtemp(path.join(tmpdir(), 'opshub-examples-'));
}, 120_000);
afterAll(async () => {
  await events?.close();
  await hub?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const bash = (script: string, args: string[]) => start('bash', [`examples/${script}`, ...args], env);

// Each example starts npm and the CLI (a few seconds on a loaded machine).
describe('examples/', { timeout: 120_000 }, () => {
  it('follow-ous.sh prints each transition of the programme as one readable line', async () => {
    const admin = await hub.token('admin');
    const follow = bash('follow-ous.sh', ['2026.1.00042.S', '--count', '2']);
    let n = 0;
    const create = async (programId: string) => {
      const response = await fetch(hub.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({
          query: 'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id } }',
          variables: { p: programId, id: `uid://E1/E1/X${(n++).toString(16)}` },
        }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    };
    // Another programme's OUS between ours: the hub filters it out.
    const step = () => create('2026.1.00042.S').then(() => create('2026.1.99999.S'));
    await repeatUntil('two transitions', step, () => follow.lines.length >= 2);
    expect(await follow.exited).toBe(0);
    expect(follow.lines).toHaveLength(2);
    for (const line of follow.lines)
      expect(line).toMatch(
        /^\d{4}-\d\d-\d\dT\S+ {2}uid:\/\/E1\/E1\/X[0-9a-f]+ {2}\(new\) -> READY_FOR_PROCESSING {2}admin$/,
      );
    // Ours only: the even ids.
    for (const line of follow.lines) expect(parseInt(/X([0-9a-f]+)/.exec(line)![1]!, 16) % 2).toBe(0);
  });

  it('dcs-readings-csv.sh writes a CSV of one device and metric as readings are stored', async () => {
    const csv = bash('dcs-readings-csv.sh', ['julabo', 'temperature', '--count', '3']);
    let value = 0;
    const publish = () =>
      events.publish(DCS_STREAMS.readingsAdded, 'readings', {
        readings: [
          {
            deviceId: 'julabo',
            metric: 'temperature',
            value: -20 - (value++ % 5) / 10,
            at: new Date().toISOString(),
          },
          { deviceId: 'julabo', metric: 'power', value: 1.5, at: new Date().toISOString() },
          { deviceId: 'ESP01', metric: 'temperature', value: 99, at: new Date().toISOString() },
        ],
      });
    await repeatUntil('three rows', publish, () => csv.lines.length >= 4);
    expect(await csv.exited).toBe(0);
    const [header, ...rows] = csv.lines;
    expect(header).toBe('at,deviceId,metric,value');
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const [at, deviceId, metric, v] = row.split(',');
      expect(Number.isNaN(Date.parse(at!))).toBe(false);
      expect([deviceId, metric]).toEqual(['julabo', 'temperature']);
      expect(Number(v)).toBeLessThanOrEqual(-20);
    }
  });

  it('watch-alerts.sh shows only the class asked for, at or above the probability', async () => {
    const classifier = await hub.db.brokerClassifier.create({
      data: { brokerName: 'Fink', brokerVersion: '2.0', classifierName: 'SNN', classifierParams: 'v1' },
    });
    const watch = bash('watch-alerts.sh', ['2222', '0.5', '--count', '2']);
    let alert = 100;
    const message = (classIds: number[], probabilities: number[]) => ({
      brokerMessageId: String(alert),
      classifierId: String(classifier.id),
      alertId: String(alert++),
      diaSourceId: '7',
      diaObjectId: '4242',
      classIds,
      probabilities,
      at: new Date().toISOString(),
    });
    // Ia at 0.8 and Ib/c at 0.2 (another class), then Ia at 0.3 (too unlikely): one line per round.
    const publish = () =>
      events.publish(ALERTS_STREAMS.classificationAdded, 'classifications', {
        messages: [message([2222, 2223], [0.8, 0.2]), message([2222], [0.3])],
      });
    await repeatUntil('two classifications', publish, () => watch.lines.length >= 2);
    expect(await watch.exited).toBe(0);
    for (const line of watch.lines) expect(line).toMatch(/^\S+ {2}object 4242 {2}Ia {2}p=0\.8 {2}Fink\/SNN$/);
  });

  it('dump-dqm-run.mjs writes a run with its quantities to CSV and JSON', async () => {
    const startedAt = new Date('2026-11-30T20:00:00Z');
    await hub.db.dqmRun.create({ data: { camera: 'NectarCAMQM', runNumber: 6001, startedAt } });
    const f64 = (values: number[]) => Buffer.from(new Float64Array(values).buffer);
    await hub.db.dqmQuantity.createMany({
      data: [
        {
          camera: 'NectarCAMQM',
          runNumber: 6001,
          key: 'PED-MEAN',
          label: 'PED-MEAN-HIGH-GAIN',
          gain: 'HIGH',
          unit: 'ADC',
          dtype: 'f64',
          shape: [3],
          values: f64([250.5, 251, 249.25]),
        },
        {
          camera: 'NectarCAMQM',
          runNumber: 6001,
          key: 'TRIGGER-STATISTICS',
          label: 'All',
          field: 'All',
          dtype: 'f64',
          shape: [2],
          values: f64([10, 12]),
        },
      ],
    });
    const node = (file: string) =>
      start(
        process.execPath,
        ['examples/dump-dqm-run.mjs', 'NectarCAMQM', '6001', path.join(dir, file)],
        env,
      );
    const [csv, json] = [node('run.csv'), node('run.json')];
    expect([await csv.exited, await json.exited]).toEqual([0, 0]);
    expect(csv.stderr()).toContain('2 quantities, 5 values');
    expect((await readFile(path.join(dir, 'run.csv'), 'utf8')).trim().split('\n').sort()).toEqual(
      [
        'key,gain,field,unit,index,value',
        'PED-MEAN,HIGH,,ADC,0,250.5',
        'PED-MEAN,HIGH,,ADC,1,251',
        'PED-MEAN,HIGH,,ADC,2,249.25',
        'TRIGGER-STATISTICS,,All,,0,10',
        'TRIGGER-STATISTICS,,All,,1,12',
      ].sort(),
    );
    const run = JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8')) as {
      runNumber: number;
      startedAt: string;
      quantities: { key: string; shape: number[]; values: number[] }[];
    };
    expect(run).toMatchObject({ runNumber: 6001, startedAt: startedAt.toISOString() });
    expect(run.quantities.find((q) => q.key === 'PED-MEAN')).toMatchObject({
      shape: [3],
      values: [250.5, 251, 249.25],
    });

    const missing = start(
      process.execPath,
      ['examples/dump-dqm-run.mjs', 'NectarCAMQM', '7', path.join(dir, 'x.csv')],
      env,
    );
    expect(await missing.exited).toBe(1);
    expect(missing.stderr()).toContain('no run 7 of NectarCAMQM');
  });
});
