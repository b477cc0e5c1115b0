// Fault: the dcs workers are down when an operator switches HV on (issue 7, H1), with the production
// deadlines: DCS_COMMAND_TIMEOUT_MS 20 s, the dispatcher's 3 s grace, the gateway's 25 s mutation timeout.
// The whole hub in-process through the gateway, the simulated stand (CAEN and ESP boards on MQTT, the
// Julabo on a pty). The stand is made ready for HV with the workers running (LV on, chiller on, every
// interlock ok), the workers stop, HV on is issued: the mutation fails with COMMAND_EXPIRED at the
// deadline; the workers come back 25 s after the issue and run: nothing reaches the HV topic, HV stays
// off, the command history says EXPIRED.
import { setTimeout as delay } from 'node:timers/promises';
import { testMqttUrl } from '@opshub/testing';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubDcsStand, type HubDcsStand } from '../dcs-stand.js';
import { startHub, type Hub } from '../hub.js';
import { gql, report, waitFor, type Json } from './faults-helpers.js';

/** The production defaults this scenario relies on (nothing is passed to the hub: these are checked). */
const DEADLINE_MS = 20_000;
const GRACE_MS = 3_000;
/** The scenario: the workers start this long after HV on was issued. */
const WORKERS_BACK_MS = 25_000;

let hub: Hub;
let dcs: HubDcsStand | undefined;
let token: string;
let watcher: MqttClient | undefined;
/** Every message on the HV switch topic since before the stand started. */
const hvWire: { payload: string; at: number }[] = [];

const q = async (query: string, variables: Json = {}, timeoutMs?: number) =>
  gql(hub.graphqlUrl, token, query, variables, timeoutMs);
const data = async (query: string, variables: Json = {}): Promise<Json> => {
  const r = await q(query, variables);
  expect(r.errors, query).toBeUndefined();
  return r.data!;
};
const states = async (kind: string): Promise<string[]> =>
  (
    (await data('query($k: DeviceKind) { devices(kind: $k) { state } }', { k: kind }))['devices'] as Json[]
  ).map((d) => d['state'] as string);
const interlocksOk = async () =>
  ((await data('{ interlocks { ok } }'))['interlocks'] as Json[]).every((i) => i['ok'] === true);
const history = async (): Promise<Json[]> =>
  (
    (
      await data(
        '{ commands(kind: "switchHighVoltage", first: 10) { edges { node { id status result reason at notAfter doneAt issuedBy { username } } } } }',
      )
    )['commands']['edges'] as Json[]
  ).map((e) => e['node'] as Json);

beforeAll(async () => {
  hub = await startHub({ label: 'e2e-command-deadline', dcsCommands: true });
  watcher = mqtt.connect(testMqttUrl(), { clean: true });
  watcher.on('message', (_topic, payload) => hvWire.push({ payload: payload.toString(), at: Date.now() }));
  await watcher.subscribeAsync(`${hub.redisPrefix}/dcs/cmd/switch/hv`, { qos: 1 });
  dcs = await startHubDcsStand(hub);
  token = await hub.token('operator');

  // Ready for HV, through the gateway as the operator: LV on, the chiller on, every interlock ok.
  await waitFor(
    async () => (await states('POWER_SUPPLY_CHANNEL')).every((s) => s === 'LV_OFF'),
    'the supply LV_OFF',
  );
  const lv = await data('mutation { switchLowVoltage(on: true) { accepted } }');
  expect(lv['switchLowVoltage']['accepted']).toBe(true);
  await waitFor(async () => (await states('POWER_SUPPLY_CHANNEL')).every((s) => s === 'LV_ON'), 'LV_ON');
  await waitFor(async () => (await states('CHILLER')).every((s) => s === 'OFF'), 'the chiller OFF');
  const chiller = await data('mutation { startChiller(deviceId: "julabo") { accepted } }');
  expect(chiller['startChiller']['accepted']).toBe(true);
  await waitFor(interlocksOk, 'every interlock ok', 30_000);
}, 120_000);

afterAll(async () => {
  await watcher?.endAsync();
  await dcs?.stop();
  await hub?.stop();
});

describe('HV on while the dcs workers are down', () => {
  it('fails with COMMAND_EXPIRED at the 20 s deadline; workers back 25 s later never send it', async () => {
    await dcs!.workers.stop();
    const issued = Date.now();
    const answer = await q('mutation { switchHighVoltage(on: true) { accepted reason } }', {}, 40_000);
    const answerMs = Date.now() - issued;
    // The subgraph's coded error, not the gateway's timeout (UPSTREAM_UNAVAILABLE) nor a late accepted:false.
    expect(answer.data?.['switchHighVoltage'] ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'COMMAND_EXPIRED' });
    expect(answer.errors?.[0]?.message).toMatch(/will not be sent/);
    expect(answerMs).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(answerMs).toBeLessThan(DEADLINE_MS + GRACE_MS);
    const commandId = answer.errors![0]!.extensions!['commandId'] as string;

    // The workers come back on the scenario's clock (a fixed instant, not a wait for a condition).
    await delay(issued + WORKERS_BACK_MS - Date.now());
    const workersStartedMs = Date.now() - issued;
    const workers = await dcs!.startWorkers();
    // They run for a few seconds: the dcs queue is consumed again (chiller polls, every 300 ms, on the
    // same queue as commands), so a command job left behind would have been run by now.
    const restarted = Date.now();
    await waitFor(
      async () => {
        const d = await data('{ device(id: "julabo") { lastSeenAt } }');
        return Date.parse((d['device']?.['lastSeenAt'] as string | null) ?? '0') > restarted + 3_000;
      },
      'the restarted workers polling the chiller for 3 s',
      20_000,
    );
    const jobState = await workers.queue('dcs').getJobState(commandId);
    expect(['unknown', 'failed']).toContain(jobState);

    expect(hvWire).toEqual([]);
    expect(dcs!.stand.caen.modules.every((m) => !m.hv.on)).toBe(true);
    expect((await states('POWER_SUPPLY_CHANNEL')).filter((s) => s.startsWith('HV'))).toEqual([]);
    const [command, ...older] = await history();
    expect(older).toEqual([]);
    expect(command).toMatchObject({ id: commandId, status: 'EXPIRED', issuedBy: { username: 'operator' } });
    expect(command!['reason']).toMatch(/deadline/);
    expect(
      Math.abs(Date.parse(command!['notAfter']) - Date.parse(command!['at']) - DEADLINE_MS),
    ).toBeLessThan(500);

    report('command-deadline', {
      deadlineMs: DEADLINE_MS,
      mutationAnswerMs: answerMs,
      code: answer.errors![0]!.extensions!['code'],
      workersStartedAtMs: workersStartedMs,
      workersRanMs: Date.now() - restarted,
      jobState,
      hvTopicMessages: hvWire.length,
      hvOn: dcs!.stand.caen.modules.filter((m) => m.hv.on).length,
      finalStatus: command!['status'],
    });
  }, 60_000);
});
