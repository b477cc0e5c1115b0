// One device-report path for every driver: the MQTT ingest and the serial chiller driver both go
// through DeviceReportService.settle, so `device-error` (and the line alarm) are raised and cleared
// the same way; a device registered after the ingest filled its device cache is still ingested.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceKind, seedDcsDemo } from '../src/index.js';
import type { IncomingMessage } from '../src/ingest/ingest.service.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('dcsreports');
  await seedDcsDemo(h.db);
});
afterAll(async () => {
  await h?.close();
});

const message = (topic: string, payload: string): IncomingMessage => ({
  topic,
  payload: Buffer.from(payload),
  receivedAt: new Date(),
});

const julaboStatus = (code: number) =>
  message(
    'julabo/status',
    JSON.stringify({ status_code: code, internal_temp: 20, external_temp: 20, power: 0 }),
  );

async function active(rule: string, deviceId: string) {
  return (await h.services.alarms.list(true)).find((a) => a.rule === rule && a.deviceId === deviceId);
}

describe('device reports', () => {
  it('ingests a device registered after the device cache was filled, and dead-letters an unknown one', async () => {
    expect(await h.services.ingest.ingest('', [message('ESP01/sensors/BME/temp', '21.5')])).toMatchObject({
      stored: 1,
    });
    await h.services.devices.register([
      { id: 'ESP09', name: 'Late sensor', kind: DeviceKind.SENSOR, config: {} },
    ]);
    expect(await h.services.ingest.ingest('', [message('ESP09/sensors/BME/temp', '22')])).toMatchObject({
      stored: 1,
      deadLettered: 0,
    });
    expect(await h.services.ingest.ingest('', [message('ESP10/sensors/BME/temp', '22')])).toMatchObject({
      stored: 0,
      deadLettered: 1,
    });
    const letters = await h.db.deadLetter.findMany({ where: { topic: 'ESP10/sensors/BME/temp' } });
    expect(letters.map((l) => l.reason)).toEqual(['unknown device ESP10']);
  });

  it('raises and clears device-error the same way from the MQTT ingest and from the serial driver', async () => {
    await h.services.ingest.ingest('', [julaboStatus(7)]);
    expect((await active('device-error', 'julabo'))?.message).toBe('Julabo chiller is in ERROR');
    await h.services.ingest.ingest('', [julaboStatus(3)]);
    expect(await active('device-error', 'julabo')).toBeUndefined();

    // What the serial driver reports when the line stops answering.
    const julabo = (await h.services.devices.byId('julabo'))!;
    const changed = await h.services.reports.settle(
      {
        reports: [{ id: 'julabo', state: 'ERROR', online: false }],
        lineFaults: new Map([['julabo', 'no answer within 1000 ms']]),
      },
      [julabo],
    );
    expect(changed.map((d) => [d.id, d.state, d.online])).toEqual([['julabo', 'ERROR', false]]);
    expect((await active('device-error', 'julabo'))?.message).toBe('Julabo chiller is in ERROR');
    expect((await active('chiller-line', 'julabo'))?.message).toBe(
      'Julabo chiller: serial line fault: no answer within 1000 ms',
    );
  });
});
