import { InterlockedError } from '@opshub/errors';
import type { AlarmService } from '../alarm/alarm.service.js';
import { AlarmSeverity } from '../alarm/alarm.type.js';
import { hvIsOn } from '../caen/module-fsm.js';
import type { DeviceService } from '../device/device.service.js';
import { INTERLOCKS, type InterlockSettings } from '../interlock/interlock.rules.js';
import type { Interlock } from '../interlock/interlock.type.js';
import { standSnapshot, type StandSnapshot } from '../interlock/stand-snapshot.js';
import type { ReadingService } from '../reading/reading.service.js';
import type { CommandRunner } from './command-runner.js';
import type { DeviceDispatcher } from './device-dispatcher.js';

/** An interlock re-sends HV off at most this often while HV stays on. */
const RAMP_DOWN_RESEND_MS = 5_000;

/** The interlocks: their state on the stand as last reported, and their enforcement. */
export class InterlockEnforcer {
  private lastRampDown = 0;

  constructor(
    private readonly devices: DeviceService,
    private readonly readings: ReadingService,
    private readonly alarms: AlarmService,
    private readonly runner: CommandRunner,
    private readonly dispatcher: DeviceDispatcher,
    private readonly settings: InterlockSettings,
  ) {}

  snapshot(): Promise<StandSnapshot> {
    return standSnapshot(this.devices, this.readings);
  }

  async interlocks(stand?: StandSnapshot): Promise<Interlock[]> {
    const s = stand ?? (await this.snapshot());
    return INTERLOCKS.map((rule) => {
      const reason = rule.violation(s, this.settings);
      return { id: rule.id, description: rule.description(this.settings), ok: reason === null, reason };
    });
  }

  /** Throws INTERLOCKED with every failing interlock's reason when any fails. */
  assert(interlocks: Interlock[]): void {
    const failing = interlocks.filter((i) => !i.ok);
    if (failing.length > 0) {
      throw new InterlockedError(failing.map((i) => i.reason).join('; '), {
        interlocks: failing.map((i) => i.id),
      });
    }
  }

  /**
   * Runs every interlock against the stand: a violated one raises its alarm and, if HV is on,
   * ramps HV down (a command audited as issued by `interlock`). Satisfied ones clear their alarm.
   */
  async enforce(): Promise<{ violations: string[]; rampedDown: boolean }> {
    const stand = await this.snapshot();
    const interlocks = await this.interlocks(stand);
    const hvOn = hvIsOn(stand.system) || stand.modules.some((m) => hvIsOn(m.state));
    const violations = interlocks.filter((i) => !i.ok);
    for (const i of interlocks) {
      const condition = {
        rule: `interlock:${i.id}`,
        deviceId: null,
        severity: AlarmSeverity.CRITICAL,
        message: `Interlock ${i.id}: ${i.reason ?? ''}; HV ramped down`,
      };
      // An interlock alarms when it trips (HV was on), and clears once it is satisfied again.
      if (i.ok) await this.alarms.clear(condition.rule, null);
      else if (hvOn) await this.alarms.raise(condition);
    }
    let rampedDown = false;
    if (violations.length > 0 && hvOn && Date.now() - this.lastRampDown > RAMP_DOWN_RESEND_MS) {
      this.lastRampDown = Date.now();
      const reason = violations.map((v) => v.reason).join('; ');
      await this.runner.run(
        { system: 'interlock' },
        {
          kind: 'switchHighVoltage',
          deviceId: null,
          args: { on: false, interlocks: violations.map((v) => v.id) },
        },
        async (id, notAfter) => {
          await this.dispatcher.caen('dcs/cmd/switch/hv', 'off', id, notAfter);
          return { accepted: true, result: 'sent dcs/cmd/switch/hv off', reason };
        },
      );
      rampedDown = true;
    }
    return { violations: violations.map((v) => v.id), rampedDown };
  }
}
