import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDcsDemo } from '../src/index.js';
import { startHarness, type Harness } from './harness.js';

interface DeviceView {
  id: string;
  name: string;
  kind: string;
  state: string;
  online: boolean;
  lastSeenAt: string | null;
}

const DEVICES = 'query($kind: DeviceKind) { devices(kind: $kind) { id name kind state online lastSeenAt } }';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('devices');
  expect(await seedDcsDemo(h.db)).toBe(12);
});
afterAll(async () => {
  await h?.close();
});

async function devices(kind?: string): Promise<DeviceView[]> {
  const result = await h.exec<{ devices: DeviceView[] }>(DEVICES, kind ? { kind } : {});
  expect(result.errors).toBeUndefined();
  return result.data!.devices;
}

describe('devices', () => {
  it('lists the test stand sorted by kind, then name', async () => {
    const all = await devices();
    expect(all.map((d) => d.id)).toEqual([
      'julabo',
      'module-1/hv',
      'module-1/lv',
      'module-2/hv',
      'module-2/lv',
      'module-3/hv',
      'module-3/lv',
      'module-4/hv',
      'module-4/lv',
      'ESP01',
      'ESP02',
      'ESP03',
    ]);
    expect(all[0]).toEqual({
      id: 'julabo',
      name: 'Julabo chiller',
      kind: 'CHILLER',
      state: 'DISCONNECTED',
      online: false,
      lastSeenAt: null,
    });
  });

  it('filters by kind', async () => {
    expect((await devices('CHILLER')).map((d) => d.id)).toEqual(['julabo']);
    const channels = await devices('POWER_SUPPLY_CHANNEL');
    expect(channels).toHaveLength(8);
    expect(channels.every((d) => d.kind === 'POWER_SUPPLY_CHANNEL')).toBe(true);
    expect((await devices('SENSOR')).map((d) => d.name)).toEqual([
      'Environment sensor ESP01',
      'Environment sensor ESP02',
      'Environment sensor ESP03',
    ]);
    const bad = await h.exec(DEVICES, { kind: 'LASER' });
    expect(bad.errors?.[0]?.message).toMatch(/LASER/);
  });

  it('keeps each channel on its CAEN board and channel with the module defaults', async () => {
    expect(await h.services.devices.configOf('module-3/lv')).toEqual({
      module: 'module-3',
      supply: 'LV',
      board: 0,
      channel: 2,
      setVolts: 12,
      maxCurrentA: 2.5,
    });
    expect(await h.services.devices.configOf('module-3/hv')).toMatchObject({
      board: 12,
      channel: 2,
      setVolts: 200,
      maxCurrentUA: 500,
      rampUpVoltsPerSecond: 50,
    });
  });

  it('seeds idempotently, leaving live state alone', async () => {
    await h.db.device.update({
      where: { id: 'julabo' },
      data: { state: 'ON', online: true, lastSeenAt: new Date('2026-11-22T10:00:00Z') },
    });
    expect(await seedDcsDemo(h.db)).toBe(12);
    const julabo = (await devices('CHILLER'))[0]!;
    expect(julabo).toMatchObject({ state: 'ON', online: true, lastSeenAt: '2026-11-22T10:00:00.000Z' });
    expect(await devices()).toHaveLength(12);
  });
});

describe('device', () => {
  it('finds one device by id, null for an unknown id', async () => {
    const q = 'query($id: ID!) { device(id: $id) { id name kind } }';
    expect((await h.exec(q, { id: 'module-2/hv' })).data).toEqual({
      device: { id: 'module-2/hv', name: 'Module 2 HV', kind: 'POWER_SUPPLY_CHANNEL' },
    });
    expect((await h.exec(q, { id: 'module-9/hv' })).data).toEqual({ device: null });
  });

  it('needs a signed-in user', async () => {
    const result = await h.exec('{ device(id: "julabo") { id } }', {}, 'anonymous');
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('resolves Device entity references for other subgraphs', async () => {
    const result = await h.exec(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Device { id kind } } }',
      {
        r: [
          { __typename: 'Device', id: 'ESP02' },
          { __typename: 'Device', id: 'nope' },
        ],
      },
    );
    expect(result.data).toEqual({ _entities: [{ id: 'ESP02', kind: 'SENSOR' }, null] });
  });
});
