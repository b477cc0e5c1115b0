import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDcsDemo } from '../src/index.js';
import { OPERATOR_ID, startHarness, type Harness } from './harness.js';

let h: Harness;
const t0 = Date.parse('2026-11-22T10:00:00Z');

beforeAll(async () => {
  h = await startHarness('dcsreadings');
  await seedDcsDemo(h.db);
});
afterAll(async () => {
  await h?.close();
});

describe('series', () => {
  it('buckets readings with min, max, avg and count', async () => {
    // 10 minutes of one value per second: value = seconds since t0.
    const rows = Array.from({ length: 600 }, (_, i) => ({
      deviceId: 'julabo',
      metric: 'temperature',
      value: i,
      at: new Date(t0 + i * 1000),
    }));
    rows.push({ deviceId: 'julabo', metric: 'power', value: -40, at: new Date(t0) });
    expect(await h.services.readings.ingest(rows)).toBe(601);
    const q = `query($from: DateTime!, $to: DateTime!, $b: Int) { device(id: "julabo") {
      latest { metric value at } series(metric: "temperature", from: $from, to: $to, bucketSeconds: $b) { at min max avg count } } }`;
    const result = await h.exec<{ device: { latest: unknown[]; series: unknown[] } }>(q, {
      from: new Date(t0).toISOString(),
      to: new Date(t0 + 300_000).toISOString(),
      b: 60,
    });
    expect(result.errors).toBeUndefined();
    const series = result.data!.device.series;
    expect(series).toHaveLength(5);
    expect(series[0]).toEqual({ at: '2026-11-22T10:00:00.000Z', min: 0, max: 59, avg: 29.5, count: 60 });
    expect(series[4]).toEqual({ at: '2026-11-22T10:04:00.000Z', min: 240, max: 299, avg: 269.5, count: 60 });
    expect(result.data!.device.latest).toEqual([
      { metric: 'power', value: -40, at: '2026-11-22T10:00:00.000Z' },
      { metric: 'temperature', value: 599, at: '2026-11-22T10:09:59.000Z' },
    ]);
  });

  it('chooses a bucket when none is given and refuses bad ranges', async () => {
    const q = `query($from: DateTime!, $to: DateTime!, $b: Int) { device(id: "julabo") { series(metric: "temperature", from: $from, to: $to, bucketSeconds: $b) { count } } }`;
    const all = await h.exec<{ device: { series: { count: number }[] } }>(q, {
      from: new Date(t0).toISOString(),
      to: new Date(t0 + 600_000).toISOString(),
    });
    expect(all.data!.device.series.reduce((n, p) => n + p.count, 0)).toBe(600);
    const reversed = await h.exec(q, {
      from: new Date(t0 + 1000).toISOString(),
      to: new Date(t0).toISOString(),
    });
    expect(reversed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const tooMany = await h.exec(q, {
      from: new Date(t0).toISOString(),
      to: new Date(t0 + 86_400_000).toISOString(),
      b: 1,
    });
    expect(tooMany.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('alarms', () => {
  const humid = (value: number, at: number) => ({
    topic: 'ESP01/sensors/BME/humi',
    payload: Buffer.from(String(value)),
    receivedAt: new Date(at),
  });

  it('raises a threshold alarm once while the condition lasts, and clears it', async () => {
    await h.services.ingest.ingest('', [humid(65, t0), humid(66, t0 + 1000)]);
    await h.services.ingest.ingest('', [humid(67, t0 + 2000)]);
    const active = await h.exec<{
      alarms: { rule: string; deviceId: string; severity: string; message: string; active: boolean }[];
    }>(
      '{ alarms(active: true) { id rule deviceId severity message active raisedAt clearedAt acknowledgedAt } }',
    );
    expect(active.errors).toBeUndefined();
    expect(active.data!.alarms).toEqual([
      expect.objectContaining({
        rule: 'threshold:humidity-high',
        deviceId: 'ESP01',
        severity: 'WARNING',
        active: true,
        message: 'Environment sensor ESP01: relative humidity 66.00 is above 60',
      }),
    ]);
    await h.services.ingest.ingest('', [humid(45, t0 + 3000)]);
    expect((await h.exec<{ alarms: unknown[] }>('{ alarms(active: true) { id } }')).data!.alarms).toEqual([]);
    const history = await h.exec<{ alarms: { active: boolean; clearedAt: string | null }[] }>(
      '{ alarms { active clearedAt } }',
    );
    expect(history.data!.alarms).toEqual([{ active: false, clearedAt: expect.any(String) }]);
  });

  it('is acknowledged by an operator, audited as a command; a viewer may not', async () => {
    const [alarm] = await h.services.alarms.list();
    const m =
      'mutation($id: ID!) { acknowledgeAlarm(id: $id) { accepted reason command { id issuedBy { id } at kind } } }';
    const denied = await h.exec(m, { id: alarm!.id });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const ok = await h.exec<{
      acknowledgeAlarm: { accepted: boolean; command: { id: string; issuedBy: { id: string } } };
    }>(m, { id: alarm!.id }, 'OPERATOR');
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.acknowledgeAlarm).toMatchObject({
      accepted: true,
      reason: null,
      command: { issuedBy: { id: OPERATOR_ID }, kind: 'acknowledgeAlarm' },
    });
    const after = (await h.services.alarms.list()).find((a) => a.id === alarm!.id)!;
    expect(after.acknowledgedBy).toEqual({ id: OPERATOR_ID });
    expect(after.acknowledgedAt).toBeInstanceOf(Date);
    const audit = await h.db.command.findUniqueOrThrow({
      where: { id: ok.data!.acknowledgeAlarm.command.id },
    });
    expect(audit).toMatchObject({
      issuedBy: OPERATOR_ID,
      kind: 'acknowledgeAlarm',
      accepted: true,
      args: { alarmId: alarm!.id },
    });
    const missing = await h.exec(m, { id: '00000000-0000-4000-8000-000000000999' }, 'OPERATOR');
    expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('lists the interlocks with their state', async () => {
    const result = await h.exec<{ interlocks: { id: string; ok: boolean; reason: string | null }[] }>(
      '{ interlocks { id description ok reason } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.interlocks.map((i) => i.id)).toEqual(['chiller-on', 'bath-temperature', 'dew-point']);
    expect(result.data!.interlocks[0]).toMatchObject({
      ok: false,
      reason: 'chiller julabo is DISCONNECTED, not ON',
    });
  });

  it('refuses HV with INVALID_TRANSITION while the supply is disconnected, for an operator only', async () => {
    const m = 'mutation { switchHighVoltage(on: true) { accepted } }';
    expect((await h.exec(m)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const refused = await h.exec(m, {}, 'OPERATOR');
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_TRANSITION' } });
    expect(refused.errors?.[0]?.message).toMatch(/only from LV_ON; the supply is DISCONNECTED/);
  });
});
