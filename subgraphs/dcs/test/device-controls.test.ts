// Device.controls, powerSupply and deviceCommands through the dcs schema on a real database: what the
// API says a caller may do is exactly what the mutations accept, with the FSM, interlock and role reasons.
import { createLogger } from '@opshub/config';
import { graphql, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDcsSchema,
  createDcsServices,
  seedDcsDemo,
  type DcsServices,
  type DeviceDispatcher,
} from '../src/index.js';
import { OPERATOR_ID, startHarness, type Harness } from './harness.js';

/** Devices that take every command (nothing reaches a wire: the stand's state only changes by report). */
const obliging: DeviceDispatcher = {
  caen: () => Promise.resolve(),
  chiller: () => Promise.resolve({ confirmed: true, detail: 'read back' }),
};

let h: Harness;
let services: DcsServices;
let schema: GraphQLSchema;
const log = createLogger('controls-test', 'silent');
type Role = 'VIEWER' | 'OPERATOR';

async function exec<T>(role: Role, source: string, variables: Record<string, unknown> = {}) {
  const r = await graphql({
    schema,
    source,
    variableValues: variables,
    contextValue: {
      user: { id: OPERATOR_ID, username: role.toLowerCase(), roles: [role] },
      requestId: 'r',
      log,
    },
  });
  return JSON.parse(JSON.stringify(r)) as {
    data?: T;
    errors?: { message: string; extensions: Record<string, unknown> }[];
  };
}

interface Control {
  command: string;
  allowed: boolean;
  reason: string | null;
  blockedBy: string | null;
  limits: { min: number; max: number; unit: string } | null;
}
const CONTROL = 'command allowed reason blockedBy limits { min max unit }';

async function supply(role: Role) {
  const r = await exec<{
    powerSupply: {
      system: string;
      lvOn: boolean;
      hvOn: boolean;
      modules: { module: string; state: string }[];
      controls: Control[];
    };
  }>(role, `{ powerSupply { system lvOn hvOn modules { module state } controls { ${CONTROL} } } }`);
  expect(r.errors).toBeUndefined();
  return r.data!.powerSupply;
}

async function devices(role: Role) {
  const r = await exec<{ devices: { id: string; kind: string; controls: Control[] }[] }>(
    role,
    `{ devices { id kind controls { ${CONTROL} } } }`,
  );
  expect(r.errors).toBeUndefined();
  return new Map(r.data!.devices.map((d) => [d.id, d.controls]));
}

/** Each control's mutation, for the device it belongs to (in range, so only the guards can refuse). */
function mutationOf(command: string, deviceId: string): string {
  const channel = deviceId.split('/');
  return {
    SWITCH_LV_ON: 'switchLowVoltage(on: true)',
    SWITCH_LV_OFF: 'switchLowVoltage(on: false)',
    SWITCH_HV_ON: 'switchHighVoltage(on: true)',
    SWITCH_HV_OFF: 'switchHighVoltage(on: false)',
    SET_CHANNEL_VOLTAGE: `setChannelVoltage(channelId: "${deviceId}", kind: ${channel[1]?.toUpperCase()}, volts: 5)`,
    START_CHILLER: `startChiller(deviceId: "${deviceId}")`,
    STOP_CHILLER: `stopChiller(deviceId: "${deviceId}")`,
    SET_CHILLER_SETPOINT: `setChillerSetpoint(deviceId: "${deviceId}", temperature: 18)`,
  }[command]!;
}

/** Runs every control's mutation: accepted exactly when allowed; refused with the code of its block. */
async function expectTheMutationsAgree(role: Role, deviceId: string, controls: Control[]): Promise<void> {
  for (const c of controls) {
    const r = await exec<Record<string, { accepted: boolean }>>(
      role,
      `mutation { m: ${mutationOf(c.command, deviceId)} { accepted } }`,
    );
    if (c.allowed) {
      expect(r.errors, `${c.command} on ${deviceId}`).toBeUndefined();
      expect(r.data!['m']!.accepted, `${c.command} on ${deviceId}`).toBe(true);
    } else {
      const code = { FSM: 'INVALID_TRANSITION', INTERLOCK: 'INTERLOCKED', ROLE: 'FORBIDDEN' }[c.blockedBy!];
      // A viewer is refused by role before any state is looked at.
      expect(r.errors?.[0]?.extensions['code'], `${c.command} on ${deviceId} as ${role}`).toBe(
        role === 'VIEWER' ? 'FORBIDDEN' : code,
      );
    }
  }
}

beforeAll(async () => {
  h = await startHarness('dcscontrols');
  await seedDcsDemo(h.db);
  services = createDcsServices(h.db, {
    databaseUrl: h.databaseUrl,
    events: h.events,
    log,
    dispatcher: obliging,
  });
  schema = (await buildDcsSchema(services)).schema;
  const channels = (await services.devices.list()).filter((d) => d.kind === 'POWER_SUPPLY_CHANNEL');
  await services.devices.report([
    ...channels.map((c) => ({ id: c.id, state: 'LV_OFF', seenAt: new Date() })),
    { id: 'julabo', state: 'OFF', seenAt: new Date() },
  ]);
});
afterAll(async () => {
  await services?.close();
  await h?.close();
});

describe('powerSupply', () => {
  it('LV_OFF: only LV on, for an operator; the mutations agree', async () => {
    const s = await supply('OPERATOR');
    expect(s).toMatchObject({ system: 'LV_OFF', lvOn: false, hvOn: false });
    expect(s.modules.length).toBeGreaterThan(0);
    expect(s.modules.every((m) => m.state === 'LV_OFF')).toBe(true);
    expect(s.controls.filter((c) => c.allowed).map((c) => c.command)).toEqual(['SWITCH_LV_ON']);
    expect(s.controls.find((c) => c.command === 'SWITCH_HV_ON')).toMatchObject({
      blockedBy: 'FSM',
      reason: expect.stringMatching(
        /^HV can switch on only from LV_ON; the supply is LV_OFF · HV is interlocked: /,
      ),
    });
    await expectTheMutationsAgree('OPERATOR', 'supply', s.controls);
  });

  it('LV_ON with the chiller OFF: HV on is refused by the interlock, with its reason', async () => {
    const channels = (await services.devices.list()).filter((d) => d.kind === 'POWER_SUPPLY_CHANNEL');
    await services.devices.report(channels.map((c) => ({ id: c.id, state: 'LV_ON', seenAt: new Date() })));
    const s = await supply('OPERATOR');
    expect(s).toMatchObject({ system: 'LV_ON', lvOn: true, hvOn: false });
    const hvOn = s.controls.find((c) => c.command === 'SWITCH_HV_ON')!;
    expect(hvOn).toMatchObject({ allowed: false, blockedBy: 'INTERLOCK' });
    expect(hvOn.reason).toContain('HV is interlocked: chiller julabo is OFF, not ON');
    await expectTheMutationsAgree('OPERATOR', 'supply', s.controls);
  });

  it('gives a viewer the role reason for what the FSM allows', async () => {
    const s = await supply('VIEWER');
    expect(s.controls.filter((c) => c.allowed)).toEqual([]);
    expect(s.controls.find((c) => c.command === 'SWITCH_LV_OFF')).toMatchObject({
      blockedBy: 'ROLE',
      reason: 'needs the OPERATOR role',
    });
    await expectTheMutationsAgree('VIEWER', 'supply', s.controls);
  });
});

describe('Device.controls', () => {
  it('gives each channel its V0Set range, the chiller its commands and range, sensors nothing', async () => {
    const controls = await devices('OPERATOR');
    expect(controls.get('module-1/lv')).toEqual([
      {
        command: 'SET_CHANNEL_VOLTAGE',
        allowed: true,
        reason: null,
        blockedBy: null,
        limits: { min: 0, max: 15, unit: 'V' },
      },
    ]);
    expect(controls.get('module-1/hv')?.[0]?.limits).toEqual({ min: 0, max: 500, unit: 'V' });
    expect(controls.get('ESP01')).toEqual([]);
    const julabo = controls.get('julabo')!;
    expect(julabo.map((c) => [c.command, c.allowed])).toEqual([
      ['SET_CHILLER_SETPOINT', true],
      ['START_CHILLER', true],
      ['STOP_CHILLER', false],
    ]);
    expect(julabo[0]!.limits).toEqual({ min: -50, max: 50, unit: '°C' });
    expect(julabo[2]!.reason).toBe('stop needs the chiller ON; it is OFF');
    for (const id of ['julabo', 'module-1/lv', 'module-1/hv'])
      await expectTheMutationsAgree('OPERATOR', id, controls.get(id)!);
  });

  it('refuses every chiller command while its line does not answer, the setpoint included', async () => {
    await services.devices.report([{ id: 'julabo', state: 'DISCONNECTED' }]);
    const julabo = (await devices('OPERATOR')).get('julabo')!;
    expect(julabo.every((c) => !c.allowed && c.blockedBy === 'FSM')).toBe(true);
    expect(julabo[0]!.reason).toBe('the chiller is DISCONNECTED: its serial line must answer first');
    await expectTheMutationsAgree('OPERATOR', 'julabo', julabo);
    await expectTheMutationsAgree('VIEWER', 'julabo', (await devices('VIEWER')).get('julabo')!);
  });
});

describe('deviceCommands', () => {
  it("lists one device's commands newest first: who, what, when and the result, in pages", async () => {
    type Page = {
      deviceCommands: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: {
          node: {
            kind: string;
            status: string;
            accepted: boolean;
            reason: string | null;
            at: string;
            issuedBy: { id: string } | null;
          };
        }[];
      };
    };
    const q = `query ($after: String) { deviceCommands(deviceId: "julabo", first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { kind status accepted reason at issuedBy { id } } } } }`;
    const first = await exec<Page>('VIEWER', q);
    expect(first.errors).toBeUndefined();
    const page = first.data!.deviceCommands;
    // Setpoint, start and stop while OFF, then the three refused while DISCONNECTED.
    expect(page.totalCount).toBe(6);
    expect(page.edges.map((e) => e.node.kind)).toEqual(['stopChiller', 'startChiller']);
    expect(page.edges[0]!.node).toMatchObject({
      status: 'REFUSED',
      accepted: false,
      issuedBy: { id: OPERATOR_ID },
    });
    expect(page.edges[0]!.node.reason).toMatch(/DISCONNECTED/);
    const second = await exec<Page>('VIEWER', q, { after: page.pageInfo.endCursor });
    expect(second.data!.deviceCommands.edges[0]!.node.kind).toBe('setChillerSetpoint');
    const all = await exec<{ commands: { totalCount: number } }>(
      'VIEWER',
      '{ commands(deviceId: "julabo") { totalCount } }',
    );
    expect(all.data!.commands.totalCount).toBe(6);
  });
});
