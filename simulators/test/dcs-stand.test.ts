import { randomBytes } from 'node:crypto';
import { ReadlineParser } from '@serialport/parser-readline';
import { uniquePrefix, waitFor } from '@opshub/testing';
import mqtt from 'mqtt';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDcsStand, type DcsStand } from '../src/dcs-stand.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../src/embedded-mqtt.js';
import { HUB_BRIDGE, HUB_COMMANDS, standIdentities } from '../src/mqtt/mqtt-identities.js';

let stand: DcsStand;
const root = uniquePrefix('stand');
// The dev broker with the production grants: each simulated device logs in as itself.
const identities = standIdentities({ root });
const passwords = Object.fromEntries(identities.map((id) => [id.username, randomBytes(9).toString('hex')]));
let broker: EmbeddedBroker;
const as = (username: string) => mqtt.connect(broker.url, { username, password: passwords[username]! });

beforeAll(async () => {
  broker = await startEmbeddedBroker({ access: { identities, passwords } });
  stand = await startDcsStand({
    mqttUrl: broker.url,
    root,
    logins: { passwords },
    julabo: { timeConstantSeconds: 2, speed: 1 },
    caen: { publishMs: 100, hv: { rampUp: 400, rampDown: 400 } },
    espPublishMs: 100,
  });
});
afterAll(async () => {
  await stand?.close();
  await broker?.close();
});

describe('Julabo on a pty', () => {
  it('answers the serial command set and moves toward the setpoint once started', async () => {
    const port = new SerialPort({ path: stand.julaboPort, baudRate: 4800, lock: false });
    const answers: string[] = [];
    port.pipe(new ReadlineParser({ delimiter: '\r\n' })).on('data', (l: string) => answers.push(l));
    const ask = async (cmd: string): Promise<string> => {
      const n = answers.length;
      port.write(`${cmd}\r`);
      return waitFor(() => answers[n], `answer ${n}`, 5_000);
    };
    try {
      expect(await ask('VERSION')).toMatch(/JULABO/);
      expect(await ask('STATUS')).toBe('02 REMOTE STOP');
      expect(await ask('NONSENSE')).toMatch(/^-\d+ /);
      port.write('OUT_SP_00 10\r');
      expect(await ask('IN_SP_00')).toBe('10.00');
      port.write('OUT_MODE_05 1\r');
      expect(await ask('STATUS')).toBe('03 REMOTE START');
      const start = Number(await ask('IN_PV_00'));
      await waitFor(
        () => stand.julabo.model.bathTemp < start - 2 || undefined,
        'stand.julabo.model.bathTemp < start - 2',
        5_000,
      );
      expect(Number(await ask('IN_PV_00'))).toBeLessThan(start - 2);
      expect(Number(await ask('IN_PV_01'))).toBeLessThan(0);
    } finally {
      await new Promise((r) => port.close(r));
    }
  });
});

describe('CAEN and ESP on MQTT', () => {
  it('ramps HV after LV, refuses HV from LV_OFF, and publishes the ESP sensors', async () => {
    // What the hub sees (the bridge's grants) and how it commands (the command publisher's).
    const bridge = as(HUB_BRIDGE);
    const client = as(HUB_COMMANDS);
    const last = new Map<string, string>();
    bridge.on('message', (t, p) => last.set(t, p.toString()));
    await bridge.subscribeAsync(identities.find((i) => i.username === HUB_BRIDGE)!.subscribe.slice(), {
      qos: 1,
    });
    const channels = () =>
      JSON.parse(last.get(`${root}/dcs/channels`) ?? '[]') as {
        fsm_state: string;
        hv_vMon: number;
        hv_status: number;
      }[];
    try {
      await waitFor(() => last.get(`${root}/ESP02/sensors/BME/dew`), 'the dew point of ESP02', 5_000);
      expect(Number(last.get(`${root}/ESP02/sensors/BME/humi`))).toBeCloseTo(40, 0);
      await waitFor(() => channels().length === 4, 'channels().length === 4', 5_000);
      await client.publishAsync(`${root}/dcs/cmd/switch/hv`, 'on', { qos: 1 });
      await client.publishAsync(`${root}/dcs/cmd/switch/lv`, 'on', { qos: 1 });
      await waitFor(
        () => JSON.parse(last.get(`${root}/dcs/status`) ?? '{}').fsm_state === 'LV_ON',
        'the stand in LV_ON',
        5_000,
      );
      expect(stand.caen.modules.every((m) => !m.hv.on)).toBe(true);
      await client.publishAsync(`${root}/dcs/cmd/switch/hv`, 'on', { qos: 1 });
      await waitFor(
        () => channels().every((c) => c.fsm_state === 'HV_ON'),
        "channels().every((c) => c.fsm_state === 'HV_ON')",
        5000,
      );
      expect(channels()[0]!.hv_vMon).toBeCloseTo(200, 0);
      // LV off under HV is refused.
      await client.publishAsync(`${root}/dcs/cmd/switch/lv`, 'off', { qos: 1 });
      await client.publishAsync(`${root}/dcs/cmd/setv/hv/1`, '150', { qos: 1 });
      await waitFor(() => channels()[1]!.hv_vMon < 151 || undefined, 'channels()[1]!.hv_vMon < 151', 5_000);
      expect(stand.caen.modules.every((m) => m.lv.on)).toBe(true);
      // A leaky sensor trips its channel.
      stand.caen.modules[2]!.hv.load = 10;
      await waitFor(
        () => channels()[2]!.fsm_state === 'ERROR' || undefined,
        "channels()[2]!.fsm_state === 'ERROR'",
        5_000,
      );
      expect(channels()[2]!.hv_status).toBeGreaterThan(5);
    } finally {
      await Promise.all([client.endAsync(), bridge.endAsync()]);
    }
  });
});
