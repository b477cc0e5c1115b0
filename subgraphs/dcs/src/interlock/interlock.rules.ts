import type { StandSnapshot } from './stand-snapshot.js';

/** The limits the interlocks apply (settable per hub; see createDcsServices). */
export interface InterlockSettings {
  /** HV needs the bath at or below this, °C (default 25). */
  bathMaxC: number;
  /** HV needs every module at least this far above the dew point, °C (default 3). */
  dewMarginC: number;
}

export const DEFAULT_INTERLOCK_SETTINGS: InterlockSettings = { bathMaxC: 25, dewMarginC: 3 };

export interface InterlockRule {
  id: string;
  description(settings: InterlockSettings): string;
  /** Why HV must not be on now, or null when this interlock is satisfied. Unknown counts as unsafe. */
  violation(stand: StandSnapshot, settings: InterlockSettings): string | null;
}

/**
 * The interlocks that protect the detector modules (issue 4 §5). Each one forbids switching HV on
 * and, when HV is already on, ramps it down with an alarm.
 */
export const INTERLOCKS: readonly InterlockRule[] = [
  {
    id: 'chiller-on',
    description: () => 'HV needs the chiller ON',
    violation: (s) => {
      if (s.chillers.length === 0) return 'no chiller is registered';
      const bad = s.chillers.find((c) => c.state !== 'ON');
      return bad ? `chiller ${bad.id} is ${bad.state}, not ON` : null;
    },
  },
  {
    id: 'bath-temperature',
    description: (x) => `HV needs the bath at or below ${x.bathMaxC} °C`,
    violation: (s, x) => {
      for (const c of s.chillers) {
        if (c.bathTemperature === null) return `chiller ${c.id} has reported no bath temperature`;
        if (c.bathTemperature > x.bathMaxC)
          return `bath of ${c.id} is ${c.bathTemperature.toFixed(1)} °C, above ${x.bathMaxC} °C`;
      }
      return null;
    },
  },
  {
    id: 'dew-point',
    description: (x) => `HV needs every module at least ${x.dewMarginC} °C above the dew point`,
    violation: (s, x) => {
      if (s.dewPoint === null) return 'no environment sensor has reported a dew point';
      for (const m of s.modules) {
        if (m.temperature === null) return `${m.module} has reported no temperature`;
        if (m.temperature - s.dewPoint < x.dewMarginC) {
          return `${m.module} is at ${m.temperature.toFixed(1)} °C, within ${x.dewMarginC} °C of the dew point (${s.dewPoint.toFixed(1)} °C)`;
        }
      }
      return null;
    },
  },
];
