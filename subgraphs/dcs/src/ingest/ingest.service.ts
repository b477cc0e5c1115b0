import type { Logger } from '@opshub/config';
import { evaluateAlarmRules } from '../alarm/alarm-rules.js';
import type { AlarmService } from '../alarm/alarm.service.js';
import { payloadText, type DeadLetterService } from '../dead-letter/dead-letter.service.js';
import type { DeviceReport, DeviceService } from '../device/device.service.js';
import type { Device } from '../device/device.type.js';
import type { ReadingRow } from '../reading/reading.repository.js';
import type { ReadingService } from '../reading/reading.service.js';
import { MalformedMessage, parseStandMessage } from './stand-topics.js';

export interface IncomingMessage {
  topic: string;
  payload: Buffer;
  receivedAt: Date;
}

const DEVICE_CACHE_MS = 10_000;

/**
 * One batch of MQTT messages → readings (COPY), device states, dead letters and alarm rules.
 * A message that cannot be used never stops the batch: it becomes a dead letter with its reason.
 */
export class IngestService {
  private devices: { list: Device[]; ids: Set<string>; at: number } | undefined;

  constructor(
    private readonly deviceService: DeviceService,
    private readonly readings: ReadingService,
    private readonly deadLetters: DeadLetterService,
    private readonly alarms: AlarmService,
    private readonly log: Logger,
  ) {}

  private async knownDevices(force = false): Promise<{ list: Device[]; ids: Set<string> }> {
    if (force || !this.devices || Date.now() - this.devices.at > DEVICE_CACHE_MS) {
      const list = await this.deviceService.list();
      this.devices = { list, ids: new Set(list.map((d) => d.id)), at: Date.now() };
    }
    return this.devices;
  }

  async ingest(
    root: string,
    messages: readonly IncomingMessage[],
  ): Promise<{ stored: number; deadLettered: number }> {
    let known = await this.knownDevices();
    const readings: ReadingRow[] = [];
    const reports = new Map<string, DeviceReport>();
    const letters: { topic: string; payload: string; reason: string; receivedAt: Date }[] = [];
    let refreshed = false;
    for (const m of messages) {
      const text = payloadText(m.payload);
      try {
        let parsed;
        try {
          parsed = parseStandMessage(root, m.topic, text, m.receivedAt, (id) => known.ids.has(id));
        } catch (error) {
          // A device registered since the cache was filled: look once more before dead-lettering.
          if (
            !(error instanceof MalformedMessage) ||
            !error.message.startsWith('unknown device') ||
            refreshed
          )
            throw error;
          refreshed = true;
          known = await this.knownDevices(true);
          parsed = parseStandMessage(root, m.topic, text, m.receivedAt, (id) => known.ids.has(id));
        }
        readings.push(...parsed.readings);
        for (const r of parsed.reports) {
          const seen = reports.get(r.id);
          reports.set(r.id, {
            ...seen,
            ...r,
            ...(seen?.seenAt && r.seenAt && seen.seenAt > r.seenAt ? { seenAt: seen.seenAt } : {}),
          });
        }
      } catch (error) {
        const reason =
          error instanceof MalformedMessage
            ? error.message
            : `could not be parsed: ${(error as Error).message}`;
        letters.push({ topic: m.topic, payload: text, reason, receivedAt: m.receivedAt });
      }
    }
    await this.readings.ingest(readings);
    if (letters.length > 0) {
      await this.deadLetters.add(letters);
      this.log.warn({ count: letters.length, first: letters[0] }, 'messages dead-lettered');
    }
    const changed = await this.deviceService.report([...reports.values()]);
    if (changed.length > 0) known = await this.knownDevices(true);
    // States of the reported devices as just written (the cache may predate this batch).
    for (const c of changed) {
      const d = known.list.find((x) => x.id === c.id);
      if (d) d.state = c.state;
    }
    // Alarm rules look at the newest value of each (device, metric) in this batch.
    const newest = new Map<string, ReadingRow>();
    for (const r of readings) newest.set(`${r.deviceId}\u0000${r.metric}`, r);
    await evaluateAlarmRules(this.alarms, known.list, [...newest.values()], new Set(reports.keys()));
    return { stored: readings.length, deadLettered: letters.length };
  }
}
