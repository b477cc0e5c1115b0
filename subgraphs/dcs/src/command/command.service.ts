import type { Logger } from '@opshub/config';
import { BadUserInputError, InvalidTransitionError, NotFoundError } from '@opshub/errors';
import type { ConnectionShape, PageArgs } from '@opshub/subgraph-kit';
import type { AlarmService } from '../alarm/alarm.service.js';
import { highVoltageGuard, hvIsOn, lowVoltageGuard } from '../caen/module-fsm.js';
import type { DeviceService } from '../device/device.service.js';
import { DeviceKind } from '../device/device-kind.js';
import type { InterlockSettings } from '../interlock/interlock.rules.js';
import type { Interlock } from '../interlock/interlock.type.js';
import type { StandSnapshot } from '../interlock/stand-snapshot.js';
import type { ReadingService } from '../reading/reading.service.js';
import type { CommandActor } from './command-actor.js';
import { CommandHistory } from './command-history.js';
import { SETPOINT_LIMITS, SETPOINT_SLOTS, VOLT_LIMITS, withinLimits } from './command-limits.js';
import { chillerOutcome, UUID, type Outcome } from './command-outcome.js';
import type { CommandRepository, CommandRow } from './command.repository.js';
import { CommandRunner } from './command-runner.js';
import { SupplyKind, type Command, type CommandResult } from './command.type.js';
import { chillerGuard } from './device-controls.js';
import { DeviceControlService } from './device-control.service.js';
import type { ChillerAction, DeviceDispatcher } from './device-dispatcher.js';
import { InterlockEnforcer } from './interlock-enforcer.js';

export type { CommandActor } from './command-actor.js';

/** Device and channel ids are short names (`julabo`, `module-1/hv`); longer input is refused unwritten. */
const MAX_ID_LENGTH = 200;

function checkId(value: string, field: string): void {
  if (value.length === 0 || value.length > MAX_ID_LENGTH)
    throw new BadUserInputError(`${field} must be 1 to ${MAX_ID_LENGTH} characters`, { field });
}

/**
 * Every device command: FSM guards, interlocks (enforced here, on the server), the dispatch and
 * its audit row (who, what, when, result). Refusals are audited too, then thrown as coded errors.
 * The guards are the ones `Device.controls` and `powerSupply` report (device-controls.ts).
 */
export class CommandService {
  private readonly runner: CommandRunner;
  private readonly enforcer: InterlockEnforcer;
  private readonly audit: CommandHistory;
  /** What a caller may command now (`Device.controls`, `powerSupply`): these guards, run dry. */
  readonly controls: DeviceControlService;

  constructor(
    private readonly devices: DeviceService,
    readings: ReadingService,
    private readonly alarms: AlarmService,
    commands: CommandRepository,
    private readonly dispatcher: DeviceDispatcher,
    settings: InterlockSettings,
    log: Logger,
    /** A device command's deadline after it is issued (DCS_COMMAND_TIMEOUT_MS). */
    timeoutMs = 20_000,
  ) {
    this.runner = new CommandRunner(commands, log, timeoutMs);
    this.enforcer = new InterlockEnforcer(devices, readings, alarms, this.runner, dispatcher, settings);
    this.audit = new CommandHistory(commands);
    this.controls = new DeviceControlService(this.enforcer);
  }

  snapshot(): Promise<StandSnapshot> {
    return this.enforcer.snapshot();
  }

  interlocks(stand?: StandSnapshot): Promise<Interlock[]> {
    return this.enforcer.interlocks(stand);
  }

  /** Runs every interlock against the stand (alarms, and HV ramped down when one is violated). */
  enforceInterlocks(): Promise<{ violations: string[]; rampedDown: boolean }> {
    return this.enforcer.enforce();
  }

  recent(take = 50): Promise<CommandRow[]> {
    return this.audit.recent(take);
  }

  /** The command history, newest first, of one device (or all), for any signed-in user. */
  history(
    args: PageArgs & { deviceId?: string | null; kind?: string | null },
  ): Promise<ConnectionShape<Command>> {
    return this.audit.page(args);
  }

  private async caen(topic: string, payload: string, commandId: string, notAfter: Date): Promise<Outcome> {
    await this.dispatcher.caen(topic, payload, commandId, notAfter);
    return { accepted: true, result: `sent ${topic} ${payload}`, reason: null };
  }

  switchLowVoltage(on: boolean, actor: CommandActor, requestId?: string): Promise<CommandResult> {
    const spec = { kind: 'switchLowVoltage', deviceId: null, args: { on } };
    return this.runner.run(
      actor,
      spec,
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
    const spec = { kind: 'switchHighVoltage', deviceId: null, args: { on } };
    return this.runner.run(
      actor,
      spec,
      async (id, notAfter) => {
        const stand = await this.snapshot();
        const refused = highVoltageGuard(stand.system, on);
        if (refused) throw new InvalidTransitionError(refused, { state: stand.system });
        if (on) this.enforcer.assert(await this.interlocks(stand));
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
    const spec = {
      kind: 'setChannelVoltage',
      deviceId: `${module}/${kind.toLowerCase()}`,
      args: { kind, volts },
    };
    return this.runner.run(
      actor,
      spec,
      async (id, notAfter) => {
        const limits = VOLT_LIMITS[kind];
        if (!withinLimits(volts, limits)) {
          throw new BadUserInputError(`volts must be between ${limits.min} and ${limits.max} for ${kind}`, {
            field: 'volts',
          });
        }
        const stand = await this.snapshot();
        const m = stand.modules.find((x) => x.module === module);
        const channel = kind === SupplyKind.LV ? m?.lvChannel : m?.hvChannel;
        if (!m || channel === null || channel === undefined) throw new NotFoundError('Channel', channelId);
        // Raising the set voltage of a live HV channel is switching HV on to a new value.
        if (kind === SupplyKind.HV && hvIsOn(m.state)) this.enforcer.assert(await this.interlocks(stand));
        return this.caen(`dcs/cmd/setv/${kind.toLowerCase()}/${channel}`, String(volts), id, notAfter);
      },
      requestId,
    );
  }

  private chiller(
    deviceId: string,
    actor: CommandActor,
    kind: string,
    args: Record<string, unknown>,
    action: () => ChillerAction,
    requestId?: string,
  ): Promise<CommandResult> {
    checkId(deviceId, 'deviceId');
    return this.runner.run(
      actor,
      { kind, deviceId, args },
      async (id, notAfter) => {
        const device = await this.devices.byId(deviceId);
        if (!device || device.kind !== DeviceKind.CHILLER) throw new NotFoundError('Chiller', deviceId);
        const a = action();
        const refused = chillerGuard(a.kind, device.state);
        if (refused) throw new InvalidTransitionError(refused, { state: device.state });
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
    const slot = setpoint ?? 1;
    return this.chiller(
      deviceId,
      actor,
      'setChillerSetpoint',
      { setpoint: slot, temperature },
      () => {
        if (!Number.isInteger(slot) || slot < 1 || slot > SETPOINT_SLOTS)
          throw new BadUserInputError('setpoint must be 1, 2 or 3', { field: 'setpoint' });
        if (!withinLimits(temperature, SETPOINT_LIMITS)) {
          throw new BadUserInputError(
            `temperature must be between ${SETPOINT_LIMITS.min} and ${SETPOINT_LIMITS.max} ${SETPOINT_LIMITS.unit}`,
            { field: 'temperature' },
          );
        }
        return { kind: 'setpoint', index: slot - 1, temperature };
      },
      requestId,
    );
  }

  startChiller(deviceId: string, actor: CommandActor, requestId?: string): Promise<CommandResult> {
    const start = () => ({ kind: 'start' }) as const;
    return this.chiller(deviceId, actor, 'startChiller', {}, start, requestId);
  }

  stopChiller(deviceId: string, actor: CommandActor, requestId?: string): Promise<CommandResult> {
    const stop = () => ({ kind: 'stop' }) as const;
    return this.chiller(deviceId, actor, 'stopChiller', {}, stop, requestId);
  }

  acknowledgeAlarm(alarmId: string, actor: CommandActor, requestId?: string): Promise<CommandResult> {
    // Checked before anything is written: the audit row keeps the id, and the database takes only UUIDs.
    if (!UUID.test(alarmId)) throw new BadUserInputError('id must be a UUID', { field: 'id' });
    return this.runner.run(
      actor,
      { kind: 'acknowledgeAlarm', deviceId: null, args: { alarmId } },
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
}
