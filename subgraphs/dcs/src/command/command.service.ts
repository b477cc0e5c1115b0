import type { Principal } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { BadUserInputError, InterlockedError, InvalidTransitionError, NotFoundError } from '@opshub/errors';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import type { AlarmService } from '../alarm/alarm.service.js';
import { AlarmSeverity } from '../alarm/alarm.type.js';
import { highVoltageGuard, hvIsOn, lowVoltageGuard } from '../caen/module-fsm.js';
import type { DeviceService } from '../device/device.service.js';
import { DeviceKind } from '../device/device-kind.js';
import { INTERLOCKS, type InterlockSettings } from '../interlock/interlock.rules.js';
import type { Interlock } from '../interlock/interlock.type.js';
import { standSnapshot, type StandSnapshot } from '../interlock/stand-snapshot.js';
import { CHILLER_FROM } from '../interlock/wire-guard.js';
import type { ReadingService } from '../reading/reading.service.js';
import {
  chillerOutcome,
  CommandOutcomes,
  toCommand,
  toResult,
  UUID,
  type Outcome,
} from './command-outcome.js';
import type { CommandRepository, CommandRow } from './command.repository.js';
import { CommandStatus, SupplyKind, type Command, type CommandResult } from './command.type.js';
import type { ChillerAction, DeviceDispatcher } from './device-dispatcher.js';

/** Who issues a command: a signed-in user, or the hub itself (an interlock) named for the audit. */
export type CommandActor = Principal | { system: string };

const VOLT_LIMITS = { LV: 15, HV: 500 } as const;
/** An interlock re-sends HV off at most this often while HV stays on. */
const RAMP_DOWN_RESEND_MS = 5_000;

/** Device and channel ids are short names (`julabo`, `module-1/hv`); longer input is refused unwritten. */
const MAX_ID_LENGTH = 200;

function checkId(value: string, field: string): void {
  if (value.length === 0 || value.length > MAX_ID_LENGTH)
    throw new BadUserInputError(`${field} must be 1 to ${MAX_ID_LENGTH} characters`, { field });
}

/**
 * Every device command: FSM guards, interlocks (enforced here, on the server), the dispatch and
 * its audit row (who, what, when, result). Refusals are audited too, then thrown as coded errors.
 */
export class CommandService {
  private lastRampDown = 0;
  private readonly outcomes: CommandOutcomes;

  constructor(
    private readonly devices: DeviceService,
    private readonly readings: ReadingService,
    private readonly alarms: AlarmService,
    private readonly commands: CommandRepository,
    private readonly dispatcher: DeviceDispatcher,
    private readonly settings: InterlockSettings,
    log: Logger,
    /** A device command's deadline after it is issued (DCS_COMMAND_TIMEOUT_MS). */
    private readonly timeoutMs = 20_000,
  ) {
    this.outcomes = new CommandOutcomes(commands, log);
  }

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

  /**
   * Audits and runs one command: the row first (PENDING, with its deadline), then `body`, then the
   * final status, recorded once (a worker may have recorded it already; the row is the truth).
   */
  private async run(
    actor: CommandActor,
    kind: string,
    deviceId: string | null,
    args: Record<string, unknown>,
    body: (commandId: string, notAfter: Date) => Promise<Outcome>,
    requestId?: string,
  ): Promise<CommandResult> {
    const notAfter = new Date(Date.now() + this.timeoutMs);
    const row = await this.commands.create({
      issuedBy: 'system' in actor ? null : actor.id,
      system: 'system' in actor ? actor.system : null,
      kind,
      deviceId,
      args,
      notAfter,
    });
    let outcome: Outcome;
    try {
      outcome = await body(row.id, notAfter);
    } catch (error) {
      return this.outcomes.failed(row, error, requestId);
    }
    const stored = await this.commands.settle(row.id, {
      status: outcome.accepted ? CommandStatus.DONE : CommandStatus.FAILED,
      ...outcome,
    });
    return toResult(stored);
  }

  private async caen(topic: string, payload: string, commandId: string, notAfter: Date): Promise<Outcome> {
    await this.dispatcher.caen(topic, payload, commandId, notAfter);
    return { accepted: true, result: `sent ${topic} ${payload}`, reason: null };
  }

  switchLowVoltage(on: boolean, actor: CommandActor, requestId?: string): Promise<CommandResult> {
    return this.run(
      actor,
      'switchLowVoltage',
      null,
      { on },
      async (id, notAfter) => {
        const stand = await this.snapshot();
        const refused = lowVoltageGuard(stand.system, on);
        if (refused) throw new InvalidTransitionError(refused, { state: stand.system });
        return this.caen('dcs/cmd/switch/lv', on ? 'on' : 'off', id, notAfter);
      },
      requestId,
    );
  }

  switchHighVoltage(on: boolean, actor: CommandActor, requestId?: string): Promise<CommandResult> {
    return this.run(
      actor,
      'switchHighVoltage',
      null,
      { on },
      async (id, notAfter) => {
        const stand = await this.snapshot();
        const refused = highVoltageGuard(stand.system, on);
        if (refused) throw new InvalidTransitionError(refused, { state: stand.system });
        if (on) this.assertInterlocks(await this.interlocks(stand));
        return this.caen('dcs/cmd/switch/hv', on ? 'on' : 'off', id, notAfter);
      },
      requestId,
    );
  }

  setChannelVoltage(
    channelId: string,
    kind: SupplyKind,
    volts: number,
    actor: CommandActor,
    requestId?: string,
  ): Promise<CommandResult> {
    checkId(channelId, 'channelId');
    const module = channelId.split('/')[0]!;
    return this.run(
      actor,
      'setChannelVoltage',
      `${module}/${kind.toLowerCase()}`,
      { kind, volts },
      async (id, notAfter) => {
        if (!Number.isFinite(volts) || volts < 0 || volts > VOLT_LIMITS[kind]) {
          throw new BadUserInputError(`volts must be between 0 and ${VOLT_LIMITS[kind]} for ${kind}`, {
            field: 'volts',
          });
        }
        const stand = await this.snapshot();
        const m = stand.modules.find((x) => x.module === module);
        const channel = kind === SupplyKind.LV ? m?.lvChannel : m?.hvChannel;
        if (!m || channel === null || channel === undefined) throw new NotFoundError('Channel', channelId);
        // Raising the set voltage of a live HV channel is switching HV on to a new value.
        if (kind === SupplyKind.HV && hvIsOn(m.state)) this.assertInterlocks(await this.interlocks(stand));
        return this.caen(`dcs/cmd/setv/${kind.toLowerCase()}/${channel}`, String(volts), id, notAfter);
      },
      requestId,
    );
  }

  private assertInterlocks(interlocks: Interlock[]): void {
    const failing = interlocks.filter((i) => !i.ok);
    if (failing.length > 0) {
      throw new InterlockedError(failing.map((i) => i.reason).join('; '), {
        interlocks: failing.map((i) => i.id),
      });
    }
  }

  private async chiller(
    deviceId: string,
    actor: CommandActor,
    kind: string,
    args: Record<string, unknown>,
    action: () => ChillerAction,
    allowedFrom?: readonly string[],
    requestId?: string,
  ): Promise<CommandResult> {
    checkId(deviceId, 'deviceId');
    return this.run(
      actor,
      kind,
      deviceId,
      args,
      async (id, notAfter) => {
        const device = await this.devices.byId(deviceId);
        if (!device || device.kind !== DeviceKind.CHILLER) throw new NotFoundError('Chiller', deviceId);
        const a = action();
        if (allowedFrom && !allowedFrom.includes(device.state)) {
          throw new InvalidTransitionError(
            `${kind} needs the chiller ${allowedFrom.join(' or ')}; it is ${device.state}`,
            { state: device.state },
          );
        }
        return chillerOutcome(await this.dispatcher.chiller(deviceId, a, id, notAfter));
      },
      requestId,
    );
  }

  setChillerSetpoint(
    deviceId: string,
    setpoint: number | null | undefined,
    temperature: number,
    actor: CommandActor,
    requestId?: string,
  ): Promise<CommandResult> {
    return this.chiller(
      deviceId,
      actor,
      'setChillerSetpoint',
      { setpoint: setpoint ?? 1, temperature },
      () => {
        const index = (setpoint ?? 1) - 1;
        if (!Number.isInteger(index) || index < 0 || index > 2)
          throw new BadUserInputError('setpoint must be 1, 2 or 3', { field: 'setpoint' });
        if (!Number.isFinite(temperature) || temperature < -50 || temperature > 50) {
          throw new BadUserInputError('temperature must be between -50 and 50 °C', { field: 'temperature' });
        }
        return { kind: 'setpoint', index, temperature };
      },
      undefined,
      requestId,
    );
  }

  startChiller(deviceId: string, actor: CommandActor, requestId?: string): Promise<CommandResult> {
    const start = () => ({ kind: 'start' }) as const;
    return this.chiller(deviceId, actor, 'startChiller', {}, start, CHILLER_FROM.start, requestId);
  }

  stopChiller(deviceId: string, actor: CommandActor, requestId?: string): Promise<CommandResult> {
    const stop = () => ({ kind: 'stop' }) as const;
    return this.chiller(deviceId, actor, 'stopChiller', {}, stop, CHILLER_FROM.stop, requestId);
  }

  acknowledgeAlarm(alarmId: string, actor: CommandActor, requestId?: string): Promise<CommandResult> {
    // Checked before anything is written: the audit row keeps the id, and the database takes only UUIDs.
    if (!UUID.test(alarmId)) throw new BadUserInputError('id must be a UUID', { field: 'id' });
    return this.run(
      actor,
      'acknowledgeAlarm',
      null,
      { alarmId },
      async () => {
        const alarm = await this.alarms.acknowledge(alarmId, 'system' in actor ? null : actor.id);
        return {
          accepted: true,
          result: `acknowledged at ${alarm.acknowledgedAt?.toISOString()}`,
          reason: null,
        };
      },
      requestId,
    );
  }

  async recent(take = 50): Promise<CommandRow[]> {
    return this.commands.recent(take);
  }

  /** The command history, newest first, of one device (or all), for any signed-in user. */
  async history(
    args: PageArgs & { deviceId?: string | null; kind?: string | null },
  ): Promise<ConnectionShape<Command>> {
    const { first, after } = pageArgs(args);
    let before: { at: Date; id: string } | undefined;
    if (after) {
      const [at, id] = after;
      const when = new Date(typeof at === 'string' ? at : Number.NaN);
      if (Number.isNaN(when.getTime()) || typeof id !== 'string' || !UUID.test(id))
        throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this API', {
          argument: 'after',
        });
      before = { at: when, id };
    }
    const deviceId = args.deviceId ?? undefined;
    const kind = args.kind ?? undefined;
    const [rows, total] = await Promise.all([
      this.commands.page(first + 1, { deviceId, kind }, before),
      this.commands.count({ deviceId, kind }),
    ]);
    return toConnection(rows, first, total, toCommand, (r) => [r.at.toISOString(), r.id]);
  }

  /**
   * Runs every interlock against the stand: a violated one raises its alarm and, if HV is on,
   * ramps HV down (a command audited as issued by `interlock`). Satisfied ones clear their alarm.
   */
  async enforceInterlocks(): Promise<{ violations: string[]; rampedDown: boolean }> {
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
      await this.run(
        { system: 'interlock' },
        'switchHighVoltage',
        null,
        { on: false, interlocks: violations.map((v) => v.id) },
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
