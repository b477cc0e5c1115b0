// Issue 7, C1: no path around the hub to the hardware. The same assertions against the production
// broker as shipped (docker/mosquitto: config, ACL, identities, start.sh, TLS from make-certs.sh) and
// the dev broker `npm run up` starts (aedes, simulators/src/embedded-mqtt.ts).
import { randomBytes } from 'node:crypto';
import { startShippedMosquitto, waitFor } from '@opshub/testing';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaenSimulator } from '../src/dcs-stand.js';
import { startEmbeddedBroker } from '../src/embedded-mqtt.js';
import { HUB_BRIDGE, HUB_COMMANDS, standIdentities } from '../src/mqtt/mqtt-identities.js';

const identities = standIdentities();
// One password per setting; the hub's per-process identities (opshub-bridge-1 …) share their family's.
const settings = Object.fromEntries(
  identities.filter((id) => id.passwordKey).map((id) => [id.passwordKey!, randomBytes(12).toString('hex')]),
);
const passwords = Object.fromEntries(
  identities.filter((id) => id.passwordKey).map((id) => [id.username, settings[id.passwordKey!]!]),
);

interface Broker {
  url: string;
  ca?: Buffer;
  stop(): Promise<void>;
}

const brokers: [string, () => Promise<Broker>][] = [
  ['mosquitto with the shipped config (TLS)', () => startShippedMosquitto(settings)],
  [
    'the dev broker (aedes)',
    async () => {
      const b = await startEmbeddedBroker({ access: { identities, passwords } });
      return { url: b.url, stop: () => b.close() };
    },
  ],
];

describe.each(brokers)('%s', (_name, start) => {
  let broker: Broker;
  const open: MqttClient[] = [];

  beforeAll(async () => {
    broker = await start();
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.endAsync(true)));
    await broker?.stop();
  });

  /** Connects once (no reconnect); rejects with the broker's refusal. */
  const connect = (login: Pick<IClientOptions, 'username' | 'password' | 'clientId'>): Promise<MqttClient> =>
    new Promise((resolve, reject) => {
      const client = mqtt.connect(broker.url, {
        ...login,
        ...(broker.ca ? { ca: broker.ca } : {}),
        clean: true,
        reconnectPeriod: 0,
        connectTimeout: 5_000,
      });
      open.push(client);
      client.once('connect', () => resolve(client));
      client.once('error', reject);
      client.once('close', () => reject(new Error('connection closed')));
    });
  const as = (username: string) => connect({ username, password: passwords[username]! });
  /** Publishes QoS 1: 'acked' (mosquitto acknowledges and drops what it refuses) or 'closed' (aedes hangs up). */
  const attempt = (client: MqttClient, topic: string, payload: string): Promise<'acked' | 'closed'> =>
    new Promise((resolve) => {
      client.once('close', () => resolve('closed'));
      client.publish(topic, payload, { qos: 1 }, (err) => resolve(err ? 'closed' : 'acked'));
    });
  const record = async (client: MqttClient, filters: string[]) => {
    const seen: { topic: string; payload: string }[] = [];
    client.on('message', (topic, payload) => seen.push({ topic, payload: payload.toString() }));
    // A refused filter is answered 0x80 by aedes (mqtt.js rejects) and granted but never served by mosquitto.
    await client.subscribeAsync(filters, { qos: 1 }).catch((e: Error) => {
      if (!e.message.startsWith('Subscribe error')) throw e;
    });
    return seen;
  };

  it('refuses anonymous clients, unknown identities and wrong passwords', async () => {
    await expect(connect({})).rejects.toThrow(/not authori[sz]ed/i);
    await expect(connect({ username: 'intruder', password: 'guess' })).rejects.toThrow(/not authori[sz]ed/i);
    await expect(connect({ username: 'caen', password: passwords['ESP01']! })).rejects.toThrow(
      /not authori[sz]ed/i,
    );
    await expect(connect({ username: 'health', password: '' })).rejects.toThrow(/not authori[sz]ed/i);
  });

  it("accepts commands from the hub's command publisher only: a device or the bridge cannot switch HV", async () => {
    const caen = await CaenSimulator.start({
      mqttUrl: broker.url,
      logins: { passwords, ...(broker.ca ? { ca: broker.ca } : {}) },
      publishMs: 60_000,
    });
    try {
      const hub = await as(HUB_COMMANDS);
      await hub.publishAsync('dcs/cmd/switch/lv', 'on', { qos: 1 });
      await waitFor(() => caen.state() === 'LV_ON', 'LV on from the hub', 5_000);

      // A sensor board (whose password sits in its flash) and the bridge try to switch HV on.
      for (const username of ['ESP01', 'julabo', HUB_BRIDGE]) {
        const intruder = await as(username);
        expect(['acked', 'closed']).toContain(await attempt(intruder, 'dcs/cmd/switch/hv', 'on'));
        await intruder.endAsync(true);
      }
      // Routed in order after the refused ones: once the supply has this, it would have had them.
      await hub.publishAsync('dcs/cmd/setv/hv/0', '150', { qos: 1 });
      await waitFor(() => caen.modules[0]!.hv.params.setV === 150, 'the hub setpoint at the supply', 5_000);
      expect(caen.modules.map((m) => m.hv.on)).toEqual([false, false, false, false]);

      await hub.publishAsync('dcs/cmd/switch/hv', 'on', { qos: 1 });
      await waitFor(() => caen.modules.every((m) => m.hv.on), 'HV on from the hub', 5_000);
      await hub.endAsync();
    } finally {
      await caen.close();
    }
  });

  it("refuses a device's message on another device's status topic: the bridge never receives it", async () => {
    const bridge = await as(HUB_BRIDGE);
    const seen = await record(bridge, identities.find((i) => i.username === HUB_BRIDGE)!.subscribe.slice());
    const forgeries: [string, string, string][] = [
      ['ESP01', 'ESP02/sensors/BME/dew', '-40'],
      ['ESP01', 'dcs/channels', '[]'],
      ['caen', 'julabo/status', '{"status_code":3}'],
      ['julabo', 'ESP03/sensors/BME/humi', '5'],
      [HUB_COMMANDS, 'dcs/status', '{"fsm_state":"LV_OFF"}'],
      ['ESP02', 'caen/sensors/x', '1'],
    ];
    for (const [username, topic, payload] of forgeries) {
      const forger = await as(username);
      expect(['acked', 'closed']).toContain(await attempt(forger, topic, payload));
      await forger.endAsync(true);
    }
    // A device's own status goes through (and, on the same connection, after anything routed before).
    const esp02 = await as('ESP02');
    await esp02.publishAsync('ESP02/sensors/BME/dew', '5.25', { qos: 1 });
    await waitFor(() => seen.length > 0, 'the genuine reading', 5_000);
    expect(seen).toEqual([{ topic: 'ESP02/sensors/BME/dew', payload: '5.25' }]);
    await Promise.all([esp02.endAsync(), bridge.endAsync()]);
  });

  it("does not let a device take over the bridge's session by using its client id", async () => {
    const clientId = `opshub-dcs-${randomBytes(4).toString('hex')}`;
    const bridge = await connect({ username: HUB_BRIDGE, password: passwords[HUB_BRIDGE]!, clientId });
    const seen = await record(bridge, ['+/sensors/#']);
    // Refused (dev broker) or given its own username as client id (mosquitto): either way the bridge stays.
    await connect({ username: 'ESP01', password: passwords['ESP01']!, clientId }).then(
      (c) => c.endAsync(true),
      () => undefined,
    );
    const esp02 = await as('ESP02');
    await esp02.publishAsync('ESP02/sensors/DS/temp', '21.5', { qos: 1 });
    await waitFor(() => seen.length > 0, 'the reading at the bridge', 5_000);
    expect(bridge.connected).toBe(true);
    await Promise.all([esp02.endAsync(), bridge.endAsync()]);
  });

  it('lets nobody but the CAEN supply read commands, and refuses payloads over 64 KiB', async () => {
    const bridge = await as(HUB_BRIDGE);
    const seen = await record(bridge, ['#', 'dcs/cmd/#', 'dcs/channels']);
    const supply = await as('caen');
    const commands = await record(supply, ['dcs/cmd/#']);
    const hub = await as(HUB_COMMANDS);
    await hub.publishAsync('dcs/cmd/switch/lv', 'off', { qos: 1 });
    await waitFor(() => commands.length === 1, 'the command at the supply', 5_000);

    expect(['acked', 'closed']).toContain(await attempt(supply, 'dcs/channels', 'x'.repeat(65 * 1024)));
    const after = supply.connected ? supply : await as('caen');
    await after.publishAsync('dcs/channels', '[]', { qos: 1 });
    await waitFor(() => seen.some((m) => m.payload === '[]'), 'the small status message', 5_000);
    expect(seen.map((m) => [m.topic, m.payload.length])).toEqual(
      seen.map(() => ['dcs/channels', 2]), // no command, no oversized message
    );
    await Promise.all([hub.endAsync(), after.endAsync(true), bridge.endAsync()]);
  });
});
