import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDcsDemo } from '../src/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('dcsmodulemap');
  await seedDcsDemo(h.db);
});
afterAll(async () => {
  await h?.close();
});

describe('module map (YAML)', () => {
  it('exports the registered channels with their defaults', async () => {
    const result = await h.exec<{ moduleMap: string }>('{ moduleMap }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.moduleMap).toBe(
      [
        'defaults:',
        '  lv:',
        '    setVolts: 12',
        '    maxCurrentA: 2.5',
        '  hv:',
        '    setVolts: 200',
        '    maxCurrentUA: 500',
        '    rampUpVoltsPerSecond: 50',
        '    rampDownVoltsPerSecond: 50',
        'channels:',
        '  - id: 0',
        '    module: module-1',
        '    lv: [ 0, 0 ]',
        '    hv: [ 12, 0 ]',
        '  - id: 1',
        '    module: module-2',
        '    lv: [ 0, 1 ]',
        '    hv: [ 12, 1 ]',
        '  - id: 2',
        '    module: module-3',
        '    lv: [ 0, 2 ]',
        '    hv: [ 12, 2 ]',
        '  - id: 3',
        '    module: module-4',
        '    lv: [ 0, 3 ]',
        '    hv: [ 12, 3 ]',
        '',
      ].join('\n'),
    );
  });

  it('imports a map (admins only), filling in the defaults', async () => {
    const yaml = [
      'defaults:',
      '  hv: { setVolts: 300 }',
      'channels:',
      '  - { id: 4, module: module-5, lv: [1, 7], hv: [15, 11] }',
      '',
    ].join('\n');
    const m = 'mutation($y: String!) { importModuleMap(yaml: $y) }';
    expect((await h.exec(m, { y: yaml }, 'OPERATOR')).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const ok = await h.exec<{ importModuleMap: number }>(m, { y: yaml }, 'ADMIN');
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.importModuleMap).toBe(2);
    expect(await h.services.devices.configOf('module-5/hv')).toEqual({
      module: 'module-5',
      supply: 'HV',
      board: 15,
      channel: 11,
      trackerChannel: 4,
      setVolts: 300,
      maxCurrentUA: 500,
      rampUpVoltsPerSecond: 50,
      rampDownVoltsPerSecond: 50,
    });
    expect((await h.exec<{ moduleMap: string }>('{ moduleMap }')).data!.moduleMap).toContain(
      'module: module-5\n    lv: [ 1, 7 ]\n    hv: [ 15, 11 ]',
    );
  });

  it('refuses a map with impossible boards or duplicates, naming the field', async () => {
    const m = 'mutation($y: String!) { importModuleMap(yaml: $y) }';
    const bad = await h.exec(m, { y: 'channels:\n  - { module: m-1, lv: [5, 0], hv: [12, 0] }\n' }, 'ADMIN');
    expect(bad.errors?.[0]).toMatchObject({
      message: 'channels[0].lv must be [board, channel] with board 0–4 and channel 0–7',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const dup = await h.exec(
      m,
      {
        y: 'channels:\n  - { module: a, lv: [0, 0], hv: [12, 0] }\n  - { module: b, lv: [0, 0], hv: [12, 1] }\n',
      },
      'ADMIN',
    );
    expect(dup.errors?.[0]?.message).toBe('channels[1].lv is used twice: 0/0');
    const notYaml = await h.exec(m, { y: 'channels: [' }, 'ADMIN');
    expect(notYaml.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
