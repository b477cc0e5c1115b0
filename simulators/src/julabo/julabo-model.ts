/**
 * A Julabo circulator as its serial protocol sees it (domains.md §3): three setpoints, one active,
 * start/stop, an external Pt100, and a bath that follows the active setpoint with first-order
 * dynamics while running and drifts back to the room while stopped.
 */
export interface JulaboModelOptions {
  /** Bath temperature at power-up, °C (default 20). */
  initialTemp?: number;
  /** Room temperature the bath relaxes to while stopped, °C (default 20). */
  ambientTemp?: number;
  /** Time constant toward the setpoint while running, s (default 60). */
  timeConstantSeconds?: number;
  version?: string;
}

const RANGE = { min: -50, max: 50 };

export class JulaboModel {
  bathTemp: number;
  externalTemp: number;
  setpoints: [number, number, number] = [20, 20, 20];
  activeSetpoint = 0;
  externalControl = false;
  running = false;
  /** Power in %, negative while cooling. */
  power = 0;
  /** A sticky error code (negative), shown by STATUS until the next valid write. */
  private error: string | null = null;
  private readonly ambient: number;
  private readonly tau: number;
  private readonly version: string;

  constructor(options: JulaboModelOptions = {}) {
    this.bathTemp = options.initialTemp ?? 20;
    this.externalTemp = this.bathTemp + 0.4;
    this.ambient = options.ambientTemp ?? 20;
    this.tau = options.timeConstantSeconds ?? 60;
    this.version = options.version ?? 'JULABO FP50-HL VERSION 2.0';
  }

  get target(): number {
    return this.setpoints[this.activeSetpoint]!;
  }

  /** Advances the bath by `dt` seconds. */
  step(dt: number): void {
    const goal = this.running ? this.target : this.ambient;
    const tau = this.running ? this.tau : this.tau * 5;
    const before = this.bathTemp;
    this.bathTemp += (goal - this.bathTemp) * (1 - Math.exp(-dt / tau));
    // The module plate lags the bath a little and sits slightly warmer.
    this.externalTemp += (this.bathTemp + 0.4 - this.externalTemp) * (1 - Math.exp(-dt / (tau / 2)));
    const rate = dt > 0 ? (this.bathTemp - before) / dt : 0;
    this.power = this.running ? Math.max(-100, Math.min(100, rate * tau * 8)) : 0;
  }

  status(): string {
    if (this.error) return this.error;
    return this.running ? '03 REMOTE START' : '02 REMOTE STOP';
  }

  /** Answers one command line (without its `\r`); null for writes, which the real device does not answer. */
  handle(line: string): string | null {
    const [command = '', arg] = line.trim().split(/\s+/, 2);
    const fmt = (v: number) => v.toFixed(2);
    switch (command) {
      case 'VERSION':
        return this.version;
      case 'STATUS':
        return this.status();
      case 'IN_PV_00':
        return fmt(this.bathTemp);
      case 'IN_PV_01':
        return String(Math.round(this.power));
      case 'IN_PV_02':
        return fmt(this.externalTemp);
      case 'IN_SP_00':
      case 'IN_SP_01':
      case 'IN_SP_02':
        return fmt(this.setpoints[Number(command.slice(-1))]!);
      case 'IN_MODE_01':
        return String(this.activeSetpoint);
      case 'IN_MODE_04':
        return this.externalControl ? '1' : '0';
      case 'OUT_SP_00':
      case 'OUT_SP_01':
      case 'OUT_SP_02': {
        const t = Number(arg);
        if (arg === undefined || !Number.isFinite(t) || t < RANGE.min || t > RANGE.max) {
          this.error = '-07 VALUE OUT OF RANGE';
        } else {
          this.setpoints[Number(command.slice(-1))] = t;
          this.error = null;
        }
        return null;
      }
      case 'OUT_MODE_01':
        return this.writeChoice(arg, ['0', '1', '2'], (v) => (this.activeSetpoint = Number(v)));
      case 'OUT_MODE_04':
        return this.writeChoice(arg, ['0', '1'], (v) => (this.externalControl = v === '1'));
      case 'OUT_MODE_05':
        return this.writeChoice(arg, ['0', '1'], (v) => (this.running = v === '1'));
      default:
        return '-08 INVALID COMMAND';
    }
  }

  private writeChoice(arg: string | undefined, allowed: string[], apply: (v: string) => void): null {
    if (arg === undefined || !allowed.includes(arg)) {
      this.error = '-07 VALUE OUT OF RANGE';
    } else {
      apply(arg);
      this.error = null;
    }
    return null;
  }
}
