import mqtt, { type MqttClient } from 'mqtt';
import { deviceConnectOptions, type DeviceLogins } from '../mqtt/device-login.js';
import {
  createModules,
  moduleState,
  systemState,
  type CaenModelOptions,
  type CaenModule,
} from './caen-model.js';

export interface CaenSimulatorOptions extends CaenModelOptions {
  mqttUrl: string;
  /** Topic root prefix (tests use a unique one); '' for the bare topics of the real stand. */
  root?: string;
  /** How often `dcs/status` and `dcs/channels` are published, ms (default 1000). */
  publishMs?: number;
  /** Simulation step, ms (default 100). */
  tickMs?: number;
  /** Logs in as the `caen` identity with its password from here. */
  logins?: DeviceLogins;
}

const on = (payload: string): boolean | null => {
  const p = payload.trim().toLowerCase().replace(/^"|"$/g, '');
  if (['on', '1', 'true'].includes(p)) return true;
  if (['off', '0', 'false'].includes(p)) return false;
  return null;
};

/**
 * The CAEN supply behind the tracker DCS's MQTT interface: `dcs/cmd/switch/{lv|hv}` on/off and
 * `dcs/cmd/setv/{lv|hv}/<channel>` volts in; `dcs/status` {fsm_state} and `dcs/channels` out. It
 * keeps the real FSM guards (HV on only from LV_ON, LV off never under HV), as dcs.py did.
 */
export class CaenSimulator {
  readonly modules: CaenModule[];
  private readonly timers: NodeJS.Timeout[] = [];

  private constructor(
    private readonly client: MqttClient,
    private readonly options: CaenSimulatorOptions,
  ) {
    this.modules = createModules(options);
  }

  topic(rest: string): string {
    return this.options.root ? `${this.options.root}/${rest}` : rest;
  }

  static async start(options: CaenSimulatorOptions): Promise<CaenSimulator> {
    const client = mqtt.connect(options.mqttUrl, {
      ...deviceConnectOptions('caen', options.logins),
      clean: true,
      reconnectPeriod: 500,
    });
    const sim = new CaenSimulator(client, options);
    client.on('message', (topic, payload) => sim.onCommand(topic, payload.toString()));
    client.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    await client.subscribeAsync(sim.topic('dcs/cmd/#'), { qos: 1 });
    const tick = options.tickMs ?? 100;
    sim.timers.push(setInterval(() => sim.step(tick / 1000), tick));
    sim.timers.push(setInterval(() => void sim.publish(), options.publishMs ?? 1000));
    await sim.publish();
    return sim;
  }

  state(): string {
    return systemState(this.modules.map(moduleState));
  }

  private step(dt: number): void {
    for (const m of this.modules) {
      m.lv.step(dt);
      m.hv.step(dt);
    }
  }

  /** Handles one command; unknown or refused commands are ignored, as the real service logs and ignores them. */
  onCommand(topic: string, payload: string): void {
    const rest = topic.slice(this.topic('dcs/cmd/').length).split('/');
    const [verb, kind, channel] = rest;
    if (kind !== 'lv' && kind !== 'hv') return;
    if (verb === 'switch') {
      const wanted = on(payload);
      if (wanted === null) return;
      for (const m of this.modules) {
        const s = moduleState(m);
        if (kind === 'lv' && wanted && s === 'LV_OFF') m.lv.switch(true);
        if (kind === 'lv' && !wanted && s === 'LV_ON') m.lv.switch(false);
        if (kind === 'hv' && wanted && s === 'LV_ON') m.hv.switch(true);
        if (kind === 'hv' && !wanted && (s === 'HV_ON' || s === 'HV_RAMP')) m.hv.switch(false);
      }
    } else if (verb === 'setv' && channel !== undefined) {
      const volts = Number(payload);
      const m = this.modules.find((x) => String(x.id) === channel || x.module === channel);
      if (!m || !Number.isFinite(volts) || volts < 0) return;
      m[kind].params.setV = volts;
    }
  }

  /** Publishes `dcs/status` and `dcs/channels` (QoS 1). */
  async publish(): Promise<void> {
    if (!this.client.connected) return;
    const channels = this.modules.map((m) => ({
      id: m.id,
      module: m.module,
      fsm_state: moduleState(m),
      lv_board: m.lv.params.board,
      lv_channel: m.lv.params.channel,
      lv_status: m.lv.status(),
      lv_setV: m.lv.params.setV,
      lv_vMon: round(m.lv.vMon),
      lv_iMon: round(m.lv.iMon),
      lv_maxI: m.lv.params.maxI,
      lv_rampUp: m.lv.params.rampUp,
      lv_rampDown: m.lv.params.rampDown,
      lv_tripTime: m.lv.params.tripTime,
      lv_temp: round(m.temp),
      hv_board: m.hv.params.board,
      hv_channel: m.hv.params.channel,
      hv_status: m.hv.status(),
      hv_setV: m.hv.params.setV,
      hv_vMon: round(m.hv.vMon),
      hv_iMon: round(m.hv.iMon),
      hv_maxI: m.hv.params.maxI,
      hv_rampUp: m.hv.params.rampUp,
      hv_rampDown: m.hv.params.rampDown,
      hv_tripTime: m.hv.params.tripTime,
      hv_iMonRange: 'HIGH',
      hv_tripMode: 'KILL',
    }));
    await Promise.all([
      this.client.publishAsync(this.topic('dcs/status'), JSON.stringify({ fsm_state: this.state() }), {
        qos: 1,
      }),
      this.client.publishAsync(this.topic('dcs/channels'), JSON.stringify(channels), { qos: 1 }),
    ]).catch(() => undefined);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.client.endAsync();
  }
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
