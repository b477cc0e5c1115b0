/**
 * A CAEN mainframe as the tracker DCS drives it: LV boards 0–4 × channels 0–7, HV boards 12–15 ×
 * channels 0–11, one (LV, HV) pair per detector module. Status words use CAEN's bits.
 */
export const STATUS_BITS = { ON: 1, RAMP_UP: 2, RAMP_DOWN: 4, OVER_CURRENT: 8, INTERNAL_TRIP: 512 } as const;

export interface ChannelParams {
  board: number;
  channel: number;
  /** V0Set, volts. */
  setV: number;
  /** I0Set, amperes for LV and µA for HV. */
  maxI: number;
  /** V/s. */
  rampUp: number;
  rampDown: number;
  /** Seconds above maxI before tripping. */
  tripTime: number;
}

export class CaenChannel {
  on = false;
  vMon = 0;
  iMon = 0;
  tripped = false;
  /** Load the channel sees: amperes per volt (LV) or µA per volt (HV leakage). */
  load: number;
  private overSince: number | null = null;

  constructor(
    readonly params: ChannelParams,
    load: number,
  ) {
    this.load = load;
  }

  status(): number {
    let word = 0;
    if (this.on) word |= STATUS_BITS.ON;
    const target = this.on ? this.params.setV : 0;
    if (this.vMon < target - 0.01) word |= STATUS_BITS.RAMP_UP;
    if (this.vMon > target + 0.01) word |= STATUS_BITS.RAMP_DOWN;
    if (this.tripped) word |= STATUS_BITS.INTERNAL_TRIP | STATUS_BITS.OVER_CURRENT;
    return word;
  }

  switch(on: boolean): void {
    this.on = on;
    if (on) this.tripped = false;
  }

  step(dt: number): void {
    const target = this.on ? this.params.setV : 0;
    const speed = this.vMon < target ? this.params.rampUp : this.params.rampDown;
    const delta = Math.min(Math.abs(target - this.vMon), speed * dt);
    this.vMon += Math.sign(target - this.vMon) * delta;
    this.iMon = this.vMon * this.load;
    if (this.on && this.iMon > this.params.maxI) {
      this.overSince ??= 0;
      this.overSince += dt;
      if (this.overSince >= this.params.tripTime) {
        // A trip switches the channel off at once (CAEN "kill"), keeping the trip bits.
        this.on = false;
        this.tripped = true;
        this.vMon = 0;
        this.iMon = 0;
        this.overSince = null;
      }
    } else {
      this.overSince = null;
    }
  }
}

export interface CaenModule {
  id: number;
  module: string;
  lv: CaenChannel;
  hv: CaenChannel;
  /** The module's temperature as its LV board reads it, °C. */
  temp: number;
}

export interface CaenModelOptions {
  modules?: number;
  lv?: Partial<ChannelParams>;
  hv?: Partial<ChannelParams>;
}

export function createModules(options: CaenModelOptions = {}): CaenModule[] {
  const count = options.modules ?? 4;
  const out: CaenModule[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      id: i,
      module: `module-${i + 1}`,
      temp: 20,
      lv: new CaenChannel(
        {
          board: 0,
          channel: i,
          setV: 12,
          maxI: 2.5,
          rampUp: 120,
          rampDown: 120,
          tripTime: 0.5,
          ...options.lv,
        },
        0.1,
      ),
      hv: new CaenChannel(
        { board: 12, channel: i, setV: 200, maxI: 500, rampUp: 50, rampDown: 50, tripTime: 1, ...options.hv },
        0.01,
      ),
    });
  }
  return out;
}

/** The module FSM the tracker DCS computes from the two status words (domains.md §3). */
export function moduleState(m: CaenModule): string {
  const lv = m.lv.status();
  const hv = m.hv.status();
  if (hv > 5 || lv > 1) return 'ERROR';
  if (!(lv & STATUS_BITS.ON)) return hv & STATUS_BITS.ON || m.hv.vMon > 0.5 ? 'ERROR' : 'LV_OFF';
  if (!(hv & STATUS_BITS.ON)) return m.hv.vMon > 0.5 ? 'HV_RAMP' : 'LV_ON';
  return hv === STATUS_BITS.ON ? 'HV_ON' : 'HV_RAMP';
}

/** The system FSM: all modules alike, or a mix. */
export function systemState(states: string[]): string {
  if (states.length === 0) return 'DISCONNECTED';
  if (states.includes('ERROR')) return 'ERROR';
  if (states.every((s) => s === states[0])) return states[0]!;
  if (states.some((s) => s === 'HV_ON' || s === 'HV_RAMP'))
    return states.includes('HV_RAMP') ? 'HV_RAMP' : 'HV_MIX';
  return 'LV_MIX';
}
