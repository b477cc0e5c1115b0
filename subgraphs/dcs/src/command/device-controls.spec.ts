import { describe, expect, it } from 'vitest';
import type { SystemState } from '../caen/module-fsm.js';
import type { Interlock } from '../interlock/interlock.type.js';
import type { ModuleSnapshot } from '../interlock/stand-snapshot.js';
import { SupplyKind } from './command.type.js';
import {
  alarmControls,
  channelControls,
  chillerControls,
  ControlBlock as B,
  DeviceCommand as C,
  supplyControls,
  type ControlView,
} from './device-controls.js';

const OPERATOR = { roles: ['OPERATOR' as const] };
const VIEWER = { roles: ['VIEWER' as const] };
const ok: Interlock[] = [{ id: 'chiller-on', description: 'd', ok: true, reason: null }];
const tripped: Interlock[] = [
  { id: 'chiller-on', description: 'd', ok: false, reason: 'chiller julabo is OFF, not ON' },
  { id: 'dew-point', description: 'd', ok: true, reason: null },
];
const byCommand = (views: ControlView[]) => Object.fromEntries(views.map((v) => [v.command, v]));
const allowed = (views: ControlView[]) => views.filter((v) => v.allowed).map((v) => v.command);

describe('supplyControls', () => {
  /** Per system state, the switches the module FSM allows (domains.md §3), written out by hand. */
  const LEGAL: [SystemState, C[]][] = [
    ['DISCONNECTED', []],
    ['INIT', []],
    ['ERROR', []],
    ['LV_OFF', [C.SWITCH_LV_ON]],
    ['LV_MIX', [C.SWITCH_LV_ON, C.SWITCH_LV_OFF]],
    ['LV_ON', [C.SWITCH_LV_OFF, C.SWITCH_HV_ON]],
    ['HV_MIX', [C.SWITCH_HV_ON, C.SWITCH_HV_OFF]],
    ['HV_RAMP', [C.SWITCH_HV_OFF]],
    ['HV_ON', [C.SWITCH_HV_OFF]],
  ];
  for (const [system, legal] of LEGAL) {
    it(`${system}: the FSM's switches for an operator, none for a viewer`, () => {
      expect(allowed(supplyControls(system, ok, OPERATOR))).toEqual(legal);
      const viewer = supplyControls(system, ok, VIEWER);
      expect(allowed(viewer)).toEqual([]);
      for (const v of viewer) {
        if (legal.includes(v.command))
          expect(v).toMatchObject({ blockedBy: B.ROLE, reason: 'needs the OPERATOR role' });
        else expect(v.blockedBy, `${system} ${v.command}`).toBe(B.FSM);
      }
      expect(allowed(supplyControls(system, ok, undefined))).toEqual([]);
    });
  }

  it('refuses HV on with the interlock reason, and gives both reasons when the FSM refuses too', () => {
    expect(byCommand(supplyControls('LV_ON', tripped, OPERATOR))[C.SWITCH_HV_ON]).toEqual({
      command: C.SWITCH_HV_ON,
      allowed: false,
      reason: 'HV is interlocked: chiller julabo is OFF, not ON',
      blockedBy: B.INTERLOCK,
      limits: null,
    });
    const both = byCommand(supplyControls('LV_OFF', tripped, OPERATOR))[C.SWITCH_HV_ON]!;
    expect(both.blockedBy).toBe(B.FSM);
    expect(both.reason).toBe(
      'HV can switch on only from LV_ON; the supply is LV_OFF · HV is interlocked: chiller julabo is OFF, not ON',
    );
  });

  it('never lets an interlock refuse HV off or the LV switches', () => {
    const views = byCommand(supplyControls('HV_ON', tripped, OPERATOR));
    expect(views[C.SWITCH_HV_OFF]!.allowed).toBe(true);
    expect(views[C.SWITCH_LV_OFF]!.reason).toMatch(/may not switch off under HV/);
  });
});

describe('channelControls', () => {
  const module = (state: ModuleSnapshot['state']): ModuleSnapshot => ({
    module: 'module-1',
    state,
    lvChannel: 0,
    hvChannel: 12,
    temperature: 20,
  });

  it('gives the V0Set range of each supply kind', () => {
    expect(channelControls(SupplyKind.LV, module('LV_OFF'), ok, OPERATOR)).toEqual([
      {
        command: C.SET_CHANNEL_VOLTAGE,
        allowed: true,
        reason: null,
        blockedBy: null,
        limits: { min: 0, max: 15, unit: 'V' },
      },
    ]);
    expect(channelControls(SupplyKind.HV, module('LV_ON'), ok, OPERATOR)[0]!.limits).toEqual({
      min: 0,
      max: 500,
      unit: 'V',
    });
  });

  it('interlocks only a live HV channel', () => {
    expect(channelControls(SupplyKind.HV, module('LV_ON'), tripped, OPERATOR)[0]!.allowed).toBe(true);
    expect(channelControls(SupplyKind.LV, module('HV_ON'), tripped, OPERATOR)[0]!.allowed).toBe(true);
    for (const live of ['HV_ON', 'HV_RAMP'] as const) {
      expect(channelControls(SupplyKind.HV, module(live), tripped, OPERATOR)[0]).toMatchObject({
        allowed: false,
        blockedBy: B.INTERLOCK,
        reason: 'HV is interlocked: chiller julabo is OFF, not ON',
      });
    }
  });

  it('refuses a channel the module map does not have, and a viewer', () => {
    expect(channelControls(SupplyKind.HV, undefined, ok, OPERATOR)[0]).toMatchObject({
      allowed: false,
      blockedBy: B.FSM,
    });
    const noHv = { ...module('LV_ON'), hvChannel: null };
    expect(channelControls(SupplyKind.HV, noHv, ok, OPERATOR)[0]!.blockedBy).toBe(B.FSM);
    expect(channelControls(SupplyKind.LV, module('LV_ON'), ok, VIEWER)[0]!.blockedBy).toBe(B.ROLE);
  });
});

describe('chillerControls', () => {
  const LEGAL: [string, C[]][] = [
    ['DISCONNECTED', []],
    ['ERROR', []],
    ['CONNECTED', [C.SET_CHILLER_SETPOINT, C.START_CHILLER]],
    ['OFF', [C.SET_CHILLER_SETPOINT, C.START_CHILLER]],
    ['ON', [C.SET_CHILLER_SETPOINT, C.STOP_CHILLER]],
  ];
  for (const [state, legal] of LEGAL) {
    it(`${state}: ${legal.join(', ') || 'nothing'}`, () => {
      expect(allowed(chillerControls(state, OPERATOR))).toEqual(legal);
      expect(allowed(chillerControls(state, VIEWER))).toEqual([]);
    });
  }

  it('says why, and gives the setpoint range', () => {
    const views = byCommand(chillerControls('OFF', OPERATOR));
    expect(views[C.STOP_CHILLER]).toMatchObject({
      blockedBy: B.FSM,
      reason: 'stop needs the chiller ON; it is OFF',
    });
    expect(views[C.SET_CHILLER_SETPOINT]!.limits).toEqual({ min: -50, max: 50, unit: '°C' });
    expect(byCommand(chillerControls('DISCONNECTED', OPERATOR))[C.SET_CHILLER_SETPOINT]!.reason).toBe(
      'the chiller is DISCONNECTED: its serial line must answer first',
    );
  });
});

describe('alarmControls', () => {
  it('lets an operator acknowledge, not a viewer', () => {
    expect(alarmControls(OPERATOR)).toEqual([
      { command: C.ACKNOWLEDGE_ALARM, allowed: true, reason: null, blockedBy: null, limits: null },
    ]);
    expect(alarmControls(VIEWER)[0]).toMatchObject({ allowed: false, blockedBy: B.ROLE });
  });
});
