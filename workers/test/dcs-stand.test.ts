import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupplyKind } from '@opshub/dcs';
import { waitFor } from '@opshub/testing';
import { operator, startDcsHarness, type DcsHarness } from './dcs-harness.js';

let h: DcsHarness;

beforeAll(async () => {
  h = await startDcsHarness('dcsstand');
});
afterAll(async () => {
  await h?.close();
});

const device = (id: string) => h.api.devices.byId(id);
const latest = async (id: string, metric: string) =>
  (await h.api.readings.latestOf([id])).get(id)?.find((r) => r.metric === metric);

describe('Julabo over a real pty', () => {
  it('polls the chiller into readings and the chiller FSM', async () => {
    await waitFor(async () => (await device('julabo'))?.state === 'OFF', 'the chiller to read OFF');
    const t = await waitFor(() => latest('julabo', 'temperature'), 'a bath temperature');
    expect(t.value).toBeCloseTo(h.stand.julabo.model.bathTemp, 0);
    expect((await device('julabo'))?.online).toBe(true);
  });

  it('writes a setpoint down the line and confirms it by reading back', async () => {
    const result = await h.api.commands.setChillerSetpoint('julabo', 1, 12.5, operator);
    expect(result).toMatchObject({
      accepted: true,
      reason: null,
      command: { kind: 'setChillerSetpoint', issuedBy: { id: operator.id } },
    });
    expect(h.stand.julabo.model.setpoints[0]).toBe(12.5);
    await waitFor(async () => (await latest('julabo', 'setpoint'))?.value === 12.5, 'the polled setpoint');
    const audit = await h.db.command.findUniqueOrThrow({ where: { id: result.command.id } });
    expect(audit).toMatchObject({
      issuedBy: operator.id,
      kind: 'setChillerSetpoint',
      accepted: true,
      result: 'confirmed',
      args: { setpoint: 1, temperature: 12.5 },
    });
    expect(audit.doneAt).not.toBeNull();
  });
});

describe('interlocks', () => {
  it('refuses HV while the chiller is off, with the reason, and audits the refusal', async () => {
    await waitFor(
      async () => (await device('module-1/lv'))?.state === 'LV_OFF',
      'the supply to report LV_OFF',
    );
    expect((await h.api.commands.switchLowVoltage(true, operator)).accepted).toBe(true);
    await waitFor(async () => (await h.api.commands.snapshot()).system === 'LV_ON', 'LV_ON');

    const refused = await h.api.commands.switchHighVoltage(true, operator).catch((e: unknown) => e);
    expect(refused).toMatchObject({ extensions: { code: 'INTERLOCKED', interlocks: ['chiller-on'] } });
    expect((refused as Error).message).toMatch(/chiller julabo is OFF, not ON/);
    expect(h.stand.caen.modules.every((m) => !m.hv.on)).toBe(true);
    const audit = await h.db.command.findFirstOrThrow({
      where: { kind: 'switchHighVoltage' },
      orderBy: { at: 'desc' },
    });
    expect(audit).toMatchObject({ accepted: false, result: 'refused', issuedBy: operator.id });
    expect(audit.reason).toMatch(/chiller julabo is OFF/);
    const listed = await h.api.commands.interlocks();
    expect(listed.map((i) => [i.id, i.ok])).toEqual([
      ['chiller-on', false],
      ['bath-temperature', true],
      ['dew-point', true],
    ]);
  });

  it('ramps HV down with an alarm when the chiller stops while HV is on', async () => {
    const started = await h.api.commands.startChiller('julabo', operator);
    expect(started).toMatchObject({ accepted: true });
    await waitFor(async () => (await device('julabo'))?.state === 'ON', 'the chiller ON');
    expect((await h.api.commands.switchHighVoltage(true, operator)).accepted).toBe(true);
    await waitFor(async () => (await h.api.commands.snapshot()).system === 'HV_ON', 'HV_ON');

    expect((await h.api.commands.stopChiller('julabo', operator)).accepted).toBe(true);
    await waitFor(
      async () => (await h.api.commands.snapshot()).system === 'LV_ON',
      'HV ramped down to LV_ON',
    );
    expect(h.stand.caen.modules.every((m) => !m.hv.on)).toBe(true);
    const alarm = (await h.api.alarms.list(true)).find((a) => a.rule === 'interlock:chiller-on');
    expect(alarm).toMatchObject({ severity: 'CRITICAL', active: true });
    expect(alarm!.message).toMatch(/chiller julabo is OFF/);
    const rampDown = await h.db.command.findFirstOrThrow({ where: { system: 'interlock' } });
    expect(rampDown).toMatchObject({
      kind: 'switchHighVoltage',
      accepted: true,
      issuedBy: null,
      args: { on: false, interlocks: ['chiller-on'] },
    });
  });

  it('refuses LV off under HV and HV on from LV_OFF with INVALID_TRANSITION', async () => {
    const err = await h.api.commands.switchHighVoltage(false, operator).catch((e: unknown) => e);
    expect(err).toMatchObject({ extensions: { code: 'INVALID_TRANSITION' } });
  });
});

describe('channel voltages', () => {
  it('sets V0Set of one channel on the supply, and validates the range', async () => {
    const result = await h.api.commands.setChannelVoltage('module-2', SupplyKind.HV, 150, operator);
    expect(result).toMatchObject({
      accepted: true,
      command: { deviceId: 'module-2/hv', kind: 'setChannelVoltage' },
    });
    await waitFor(() => h.stand.caen.modules[1]!.hv.params.setV === 150, 'the new V0Set');
    await waitFor(async () => (await latest('module-2/hv', 'v0Set'))?.value === 150, 'v0Set reported back');
    const bad = await h.api.commands
      .setChannelVoltage('module-2/lv', SupplyKind.LV, 20, operator)
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'volts' } });
    const unknown = await h.api.commands
      .setChannelVoltage('module-9', SupplyKind.HV, 100, operator)
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

describe('the serial line cut', () => {
  it('puts the chiller in ERROR with an alarm, then recovers by itself', async () => {
    await waitFor(async () => (await device('julabo'))?.state === 'OFF', 'the chiller OFF');
    await h.stand.pty.cut();
    await waitFor(async () => (await device('julabo'))?.state === 'ERROR', 'ERROR after the cut');
    const alarms = await waitFor(async () => {
      const active = await h.api.alarms.list(true);
      return active.some((a) => a.rule === 'chiller-line') && active;
    }, 'the line alarm');
    expect(alarms.find((a) => a.rule === 'chiller-line' && a.deviceId === 'julabo')?.message).toMatch(
      /serial line fault/,
    );
    expect(alarms.find((a) => a.rule === 'device-error' && a.deviceId === 'julabo')).toBeDefined();
    expect((await device('julabo'))?.online).toBe(false);

    await h.stand.pty.restore();
    await waitFor(async () => (await device('julabo'))?.state === 'OFF', 'recovery to OFF', 15_000);
    const after = await h.api.alarms.list(true);
    expect(after.find((a) => a.rule === 'chiller-line')).toBeUndefined();
    const cleared = (await h.api.alarms.list(false)).find((a) => a.rule === 'chiller-line');
    expect(cleared?.clearedAt).toBeInstanceOf(Date);
  });

  it('puts the chiller in ERROR when the line answers garbage', async () => {
    h.stand.julabo.garble = true;
    await waitFor(async () => (await device('julabo'))?.state === 'ERROR', 'ERROR on garbage');
    const alarm = await waitFor(
      async () => (await h.api.alarms.list(true)).find((a) => a.rule === 'chiller-line'),
      'the line alarm',
    );
    expect(alarm.message).toMatch(/Garbled answer/);
    h.stand.julabo.garble = false;
    await waitFor(async () => (await device('julabo'))?.state === 'OFF', 'recovery');
  });
});
