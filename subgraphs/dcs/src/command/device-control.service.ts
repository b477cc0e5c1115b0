import type { Principal } from '@opshub/auth';
import { hvIsOn } from '../caen/module-fsm.js';
import { DeviceKind } from '../device/device-kind.js';
import type { Interlock } from '../interlock/interlock.type.js';
import type { StandSnapshot } from '../interlock/stand-snapshot.js';
import { SupplyKind } from './command.type.js';
import { channelControls, chillerControls, supplyControls, type ControlView } from './device-controls.js';
import type { InterlockEnforcer } from './interlock-enforcer.js';

/** The stand as the command guards see it: one read serves every control of a request. */
export interface GuardView {
  stand: StandSnapshot;
  interlocks: Interlock[];
}

export interface PowerSupplyView {
  system: string;
  lvOn: boolean;
  hvOn: boolean;
  modules: { module: string; state: string }[];
  controls: ControlView[];
}

/** System states in which some module has LV on. */
const LV_ON_STATES: readonly string[] = ['LV_ON', 'LV_MIX', 'HV_RAMP', 'HV_ON', 'HV_MIX'];

/** What a caller may command now, and why not: the command guards (device-controls.ts) run dry. */
export class DeviceControlService {
  constructor(private readonly enforcer: InterlockEnforcer) {}

  async guardView(): Promise<GuardView> {
    const stand = await this.enforcer.snapshot();
    return { stand, interlocks: await this.enforcer.interlocks(stand) };
  }

  /** `Device.controls`: a chiller's or a channel's commands; sensors have none. */
  controlsOf(
    device: { id: string; kind: string; state: string },
    view: GuardView,
    caller?: Principal,
  ): ControlView[] {
    if (device.kind === DeviceKind.CHILLER) return chillerControls(device.state, caller);
    if (device.kind !== DeviceKind.POWER_SUPPLY_CHANNEL) return [];
    const [module, supply] = device.id.split('/');
    const kind = supply === 'lv' ? SupplyKind.LV : supply === 'hv' ? SupplyKind.HV : null;
    if (!kind) return [];
    const m = view.stand.modules.find((x) => x.module === module);
    return channelControls(kind, m, view.interlocks, caller);
  }

  /** `powerSupply`: the supply as a whole and its switches. */
  powerSupply(view: GuardView, caller?: Principal): PowerSupplyView {
    const { system, modules } = view.stand;
    return {
      system,
      lvOn: LV_ON_STATES.includes(system),
      hvOn: hvIsOn(system),
      modules: modules.map((m) => ({ module: m.module, state: m.state })),
      controls: supplyControls(system, view.interlocks, caller),
    };
  }
}
