import type { Logger } from '@opshub/config';
import {
  chillerStateOf,
  DeviceKind,
  JULABO,
  parseNumber,
  parseStatus,
  type ChillerAction,
  type ChillerOutcome,
  type DcsServices,
  type ReadingRow,
} from '@opshub/dcs';
import { JulaboLine, type LineStats, type LineTiming, type SerialSettings } from './julabo-line.js';

/** What a chiller's answers may be (julabo-protocol.ts `JulaboLimits`, not exported by @opshub/dcs). */
type Limits = NonNullable<Parameters<typeof parseNumber>[2]>;
type Range = { min: number; max: number };

export interface JulaboDriverOptions {
  /** Overrides every chiller's `serial.path` (JULABO_PORT: the simulated stand's pty). */
  portOverride?: string;
  /** Overrides the device config's command gap and answer timeout (tests use short ones). */
  timing?: Partial<LineTiming>;
}

const DEFAULT_SERIAL: Omit<SerialSettings, 'path'> = {
  baudRate: 4800,
  dataBits: 7,
  parity: 'even',
  stopBits: 1,
  rtscts: true,
};

/**
 * Drives the Julabo chillers over their serial lines: polls (status, temperatures, power, active
 * setpoint → readings + chiller FSM) and commands (written, then confirmed by reading back). A dead
 * or garbled line puts the chiller in ERROR with an alarm; the next poll that gets answers clears it.
 */
export class JulaboDriver {
  private readonly lines = new Map<string, JulaboLine>();

  constructor(
    private readonly dcs: DcsServices,
    private readonly options: JulaboDriverOptions,
    private readonly log: Logger,
  ) {}

  private async lineFor(deviceId: string): Promise<{ line: JulaboLine; name: string; limits: Limits }> {
    const device = (await this.dcs.devices.configured()).find(
      (d) => d.id === deviceId && d.kind === 'CHILLER',
    );
    if (!device) throw new Error(`no chiller ${deviceId}`);
    const config = device.config;
    const serial = { ...DEFAULT_SERIAL, ...(config['serial'] as Partial<SerialSettings> | undefined) };
    const path = this.options.portOverride ?? serial.path;
    if (!path) throw new Error(`chiller ${deviceId} has no serial.path`);
    const timing: LineTiming = {
      gapMs: this.options.timing?.gapMs ?? Number(config['commandGapMs'] ?? 250),
      timeoutMs: this.options.timing?.timeoutMs ?? Number(config['answerTimeoutMs'] ?? 1000),
      ...(this.options.timing?.maxLineBytes ? { maxLineBytes: this.options.timing.maxLineBytes } : {}),
    };
    // The chiller's setpoint limits bound what a setpoint read-back may be; `plausibleTemperature`
    // (optional) bounds measured temperatures.
    const limits: Limits = {
      ...(isRange(config['temperatureRange']) ? { setpoint: config['temperatureRange'] } : {}),
      ...(isRange(config['plausibleTemperature']) ? { temperature: config['plausibleTemperature'] } : {}),
    };
    const key = `${deviceId}@${path}`;
    let line = this.lines.get(key);
    if (!line) {
      line = new JulaboLine({ ...serial, path }, timing);
      this.lines.set(key, line);
    }
    return { line, name: device.name, limits };
  }

  /**
   * One poll: readings, state, alarms, interlocks. Never throws for a line fault (that is data).
   * Each answer is checked against its register; the poll ends with a second STATUS, whose strict
   * grammar proves the line was still in step after the numeric answers. Readings are stored only
   * when every exchange of the poll succeeded.
   */
  async poll(deviceId: string): Promise<{ state: string; error?: string }> {
    const { line, name, limits } = await this.lineFor(deviceId);
    const strays = line.stats.strays;
    try {
      const at = new Date();
      const r = await line.exclusive(async (l) => {
        const num = async (command: string) => parseNumber(command, await l.ask(command), limits);
        parseStatus(await l.ask(JULABO.status));
        if (l.fresh) {
          this.log.info({ deviceId, version: await l.ask(JULABO.version) }, 'chiller line open');
          l.fresh = false;
        }
        const temperature = await num(JULABO.bathTemperature);
        const power = await num(JULABO.power);
        const external = await num(JULABO.externalTemperature);
        const active = await num(JULABO.activeSetpoint);
        const setpoint = await num(JULABO.setpoint(active));
        const status = parseStatus(await l.ask(JULABO.status));
        return { status, temperature, power, external, active, setpoint };
      });
      const readings: ReadingRow[] = [
        { deviceId, metric: 'temperature', value: r.temperature, at },
        { deviceId, metric: 'power', value: r.power, at },
        { deviceId, metric: 'externalTemperature', value: r.external, at },
        { deviceId, metric: 'setpoint', value: r.setpoint, at },
        { deviceId, metric: 'activeSetpoint', value: r.active + 1, at },
        { deviceId, metric: 'statusCode', value: r.status.code, at },
      ];
      await this.dcs.readings.ingest(readings);
      const state = chillerStateOf(r.status.code);
      await this.settle(deviceId, name, state, null, at);
      return { state };
    } catch (error) {
      const message = (error as Error).message;
      await this.settle(deviceId, name, 'ERROR', message);
      return { state: 'ERROR', error: message };
    } finally {
      const discarded = line.stats.strays - strays;
      if (discarded > 0) this.log.warn({ deviceId, discarded }, 'chiller line: stray lines discarded');
    }
  }

  /**
   * Records the outcome through the domain (the line and device-error alarms, then the state, as for
   * every driver: `DeviceReportService.settle`), then runs the interlocks at once.
   */
  private async settle(
    deviceId: string,
    name: string,
    state: string,
    lineError: string | null,
    seenAt?: Date,
  ): Promise<void> {
    const known = {
      id: deviceId,
      name,
      kind: DeviceKind.CHILLER,
      state,
      online: seenAt !== undefined,
      lastSeenAt: null,
    };
    await this.dcs.reports.settle(
      {
        reports: [{ id: deviceId, state, ...(seenAt ? { seenAt, online: true } : { online: false }) }],
        lineFaults: new Map([[deviceId, lineError]]),
      },
      [known],
    );
    if (lineError) this.log.warn({ deviceId, error: lineError }, 'chiller line fault');
    await this.dcs.commands
      .enforceInterlocks()
      .catch((err: unknown) => this.log.error({ err }, 'interlock enforcement failed'));
  }

  /** Writes a command, then reads back to confirm it. */
  async command(deviceId: string, action: ChillerAction): Promise<ChillerOutcome> {
    const { line, name, limits } = await this.lineFor(deviceId);
    try {
      const outcome = await line.exclusive(async (l): Promise<ChillerOutcome> => {
        if (action.kind === 'setpoint') {
          await l.write(JULABO.writeSetpoint(action.index, action.temperature));
          const back = parseNumber(
            JULABO.setpoint(action.index),
            await l.ask(JULABO.setpoint(action.index)),
            limits,
          );
          const ok = Math.abs(back - action.temperature) < 0.005;
          const state = chillerStateOf(parseStatus(await l.ask(JULABO.status)).code);
          return {
            confirmed: ok,
            state,
            detail: ok
              ? `setpoint ${action.index + 1} is ${back.toFixed(2)} °C`
              : `read back ${back} instead of ${action.temperature}`,
          };
        }
        await l.write(JULABO.writeRunning(action.kind === 'start'));
        const status = parseStatus(await l.ask(JULABO.status));
        const state = chillerStateOf(status.code);
        const wanted = action.kind === 'start' ? 'ON' : 'OFF';
        return {
          confirmed: state === wanted,
          state,
          detail: `status ${String(status.code).padStart(2, '0')} ${status.text}`,
        };
      });
      await this.settle(deviceId, name, outcome.state ?? 'ERROR', null, new Date());
      return outcome;
    } catch (error) {
      const message = (error as Error).message;
      await this.settle(deviceId, name, 'ERROR', message);
      return { confirmed: false, detail: message, state: 'ERROR' };
    }
  }

  /** Per line (`deviceId@path`): strays discarded, overflows, resyncs, the parser's peak buffer. */
  lineStats(): Record<string, LineStats> {
    return Object.fromEntries([...this.lines].map(([key, line]) => [key, { ...line.stats }]));
  }

  async close(): Promise<void> {
    await Promise.all([...this.lines.values()].map((l) => l.close()));
    this.lines.clear();
  }
}

function isRange(v: unknown): v is Range {
  const r = v as Partial<Range> | null | undefined;
  return typeof r?.min === 'number' && typeof r.max === 'number' && r.min < r.max;
}
