// The Julabo line against a fake chiller on a real socat pty, written here so each test can make the
// wire misbehave exactly: a stray line after every answer, a partial line, an implausible value, bytes
// without CRLF for seconds. The driver polls into a real database; the tests read what was stored.
import { spawn } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SerialPort } from 'serialport';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createDcsServices, seedDcsDemo, type DcsServices } from '@opshub/dcs';
import { EventBus } from '@opshub/events';
import { createPtyPair } from '@opshub/simulators/dcs-stand';
import { createTestDatabase, type TestDatabase, testRedisUrl, uniquePrefix, waitFor } from '@opshub/testing';
import { JulaboDriver } from '../src/dcs/julabo-driver.js';
import { CappedLineSplitter, JulaboLine, type LineTiming } from '../src/dcs/julabo-line.js';

setFlagsFromString('--expose-gc');
/** A full garbage collection (exposed at run time), to measure memory that is held, not garbage. */
const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;

const log = createLogger(
  'julabo-test',
  process.env['TEST_LOG_LEVEL'] === undefined ? 'silent' : (process.env['TEST_LOG_LEVEL'] as 'info'),
);

/** What the fake chiller answers, register by register (domains.md §3). */
const ANSWERS: Record<string, string> = {
  STATUS: '02 REMOTE STOP',
  VERSION: 'JULABO FAKE VERSION 1.0',
  IN_PV_00: '21.50',
  IN_PV_01: '35',
  IN_PV_02: '19.00',
  IN_MODE_01: '0',
  IN_SP_00: '20.00',
};
/** What each answer must be stored as. */
const EXPECTED: Record<string, number> = {
  temperature: 21.5,
  power: 35,
  externalTemperature: 19,
  setpoint: 20,
  activeSetpoint: 1,
  statusCode: 2,
};

/**
 * The chiller's end of the line: answers commands (`\r`-terminated) with `answers[command] + \r\n`,
 * then optionally sends `after` (a stray) `afterMs` later.
 */
class FakeChiller {
  answers: Record<string, string> = { ...ANSWERS };
  after: { bytes: string; afterMs: number } | undefined;
  strays = 0;
  private pending = '';

  private constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      this.pending += chunk.toString('latin1');
      let i: number;
      while ((i = this.pending.indexOf('\r')) >= 0) {
        const command = this.pending.slice(0, i).trim();
        this.pending = this.pending.slice(i + 1);
        if (command) this.handle(command);
      }
    });
  }

  static async start(path: string): Promise<FakeChiller> {
    const port = new SerialPort({
      path,
      baudRate: 4800,
      dataBits: 7,
      parity: 'even',
      stopBits: 1,
      rtscts: true,
      lock: false,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    return new FakeChiller(port);
  }

  private handle(command: string): void {
    const answer = this.answers[command.split(' ')[0]!];
    if (answer === undefined) return; // OUT_* writes are not answered
    this.port.write(`${answer}\r\n`);
    const after = this.after;
    if (after)
      setTimeout(() => {
        this.strays++;
        this.port.write(after.bytes);
      }, after.afterMs);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

/**
 * Another process on the chiller's end of the line writing bytes without any CRLF (a pty or USB adapter
 * gone wild), non-blocking, `chunkBytes` every `everyMs` for `ms`. Resolves with the bytes written.
 */
function spew(
  path: string,
  o: { ms: number; chunkBytes: number; everyMs: number },
): { started: Promise<void>; sent: Promise<number> } {
  const script = `
    const fs = require('node:fs');
    const [path, ms, size, every] = process.argv.slice(1);
    const fd = fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK);
    const chunk = Buffer.alloc(Number(size), 'x');
    const until = Date.now() + Number(ms);
    let sent = 0;
    const timer = setInterval(() => {
      if (Date.now() >= until) {
        clearInterval(timer);
        process.stdout.write(String(sent));
        return;
      }
      // As much as the line takes, up to one chunk per tick.
      for (let n = 0; n < chunk.length; ) {
        let w = 0;
        try { w = fs.writeSync(fd, chunk, n); } catch (e) { if (e.code === 'EAGAIN') break; throw e; }
        if (sent === 0 && w > 0) process.stdout.write('started ');
        n += w;
        sent += w;
      }
    }, Number(every));`;
  const child = spawn(
    process.execPath,
    ['-e', script, path, String(o.ms), String(o.chunkBytes), String(o.everyMs)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  let started: () => void = () => undefined;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('started')) started();
  });
  return {
    started: new Promise<void>((resolve) => (started = resolve)),
    sent: new Promise((resolve, reject) =>
      child.once('exit', (code) =>
        code === 0
          ? resolve(Number(out.replace('started ', '')))
          : reject(new Error(`spewer exited ${code}`)),
      ),
    ),
  };
}

const children = new Set<ReturnType<typeof spawn>>();
let database: TestDatabase;
let db: Db;
let events: EventBus;
let dcs: DcsServices;
let pty: Awaited<ReturnType<typeof createPtyPair>> | undefined;
let chiller: FakeChiller | undefined;
let driver: JulaboDriver | undefined;

beforeAll(async () => {
  database = await createTestDatabase('julaboline');
  db = createDb(database.url);
  await seedDcsDemo(db);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('julaboline'));
  dcs = createDcsServices(db, { databaseUrl: database.url, events, log });
});
afterEach(async () => {
  for (const child of children) child.kill();
  await driver?.close();
  await chiller?.close();
  await pty?.close();
  driver = chiller = pty = undefined;
});
afterAll(async () => {
  await dcs?.close();
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
});

async function stand(timing: LineTiming): Promise<{ chiller: FakeChiller; driver: JulaboDriver }> {
  pty = await createPtyPair({ name: 'fake-julabo' });
  chiller = await FakeChiller.start(pty.devicePath);
  driver = new JulaboDriver(dcs, { portOverride: pty.hostPath, timing }, log);
  return { chiller, driver };
}

/** Every stored reading of the chiller, per metric. */
async function stored(): Promise<Record<string, number[]>> {
  const rows = await db.$queryRaw<{ metric: string; value: number }[]>`
    SELECT metric, value FROM dcs.reading WHERE device_id = 'julabo' ORDER BY at`;
  const out: Record<string, number[]> = {};
  for (const r of rows) (out[r.metric] ??= []).push(r.value);
  return out;
}
const clearReadings = () => db.$executeRaw`DELETE FROM dcs.reading WHERE device_id = 'julabo'`;
const lineAlarm = async () =>
  (await dcs.alarms.list(true)).find((a) => a.rule === 'chiller-line' && a.deviceId === 'julabo');

describe('every Julabo answer is matched to its command', () => {
  it.each([
    ['a stray "-7.00" line 30 ms after each answer', '-7.00\r\n'],
    ['a partial line "-7." 30 ms after each answer', '-7.'],
  ])('%s: no value lands under the wrong metric', async (_, bytes) => {
    await clearReadings();
    // The real line's timing (device config): 250 ms between commands, 1 s to answer.
    const { chiller, driver } = await stand({ gapMs: 250, timeoutMs: 1000 });
    chiller.after = { bytes, afterMs: 30 };
    for (let i = 0; i < 2; i++) expect(await driver.poll('julabo')).toEqual({ state: 'OFF' });

    const readings = await stored();
    for (const [metric, value] of Object.entries(EXPECTED)) expect(readings[metric]).toEqual([value, value]);
    // 8 exchanges in the first poll (it reads VERSION), 7 in the second.
    expect(chiller.strays).toBeGreaterThanOrEqual(14);
    expect(await lineAlarm()).toBeUndefined();
    const stats = Object.values(driver.lineStats())[0]!;
    if (bytes.endsWith('\r\n')) expect(stats.strays).toBeGreaterThanOrEqual(14);
    else expect(stats.discardedBytes).toBeGreaterThanOrEqual(3 * 14);
  });

  it.each([
    ['power 250 %', 'IN_PV_01', '250', /Implausible answer to IN_PV_01: 250/],
    ['a bath at 999 °C', 'IN_PV_00', '999.00', /Implausible answer to IN_PV_00/],
    ['a setpoint beyond the chiller limits', 'IN_SP_00', '75.00', /Implausible answer to IN_SP_00/],
    ['active setpoint 1.5', 'IN_MODE_01', '1.5', /Garbled answer to IN_MODE_01/],
    ['a number for STATUS', 'STATUS', '35', /Garbled answer to STATUS/],
    ['a status without its text', 'STATUS', '02 ', /Garbled answer to STATUS/],
  ])(
    'a value that does not fit its command (%s) is an error, not a reading',
    async (_, register, bad, error) => {
      await clearReadings();
      const { chiller, driver } = await stand({ gapMs: 10, timeoutMs: 500 });
      expect(await driver.poll('julabo')).toEqual({ state: 'OFF' });
      chiller.answers[register] = bad;

      const result = await driver.poll('julabo');
      expect(result.state).toBe('ERROR');
      expect(result.error).toMatch(error);
      expect((await dcs.devices.byId('julabo'))?.state).toBe('ERROR');
      expect((await lineAlarm())?.message).toMatch(error);
      const readings = await stored();
      for (const metric of Object.keys(EXPECTED)) expect(readings[metric]).toHaveLength(1);

      chiller.answers[register] = ANSWERS[register]!;
      expect(await driver.poll('julabo')).toEqual({ state: 'OFF' });
      expect(await lineAlarm()).toBeUndefined();
    },
  );
});

describe('a line that never ends', () => {
  it('bytes without CRLF for seconds: the parser stays bounded, the chiller goes ERROR, then recovers', async () => {
    await clearReadings();
    const { driver } = await stand({ gapMs: 10, timeoutMs: 3000 });
    expect(await driver.poll('julabo')).toEqual({ state: 'OFF' });

    // Memory still held (after a GC) while the bytes flow: garbage does not count, buffers do.
    // (A minor GC every 50 ms is cheap: the read chunks die young, a parser's buffer would survive.)
    const retained = (type: 'minor' | 'major') => {
      gc({ type });
      return process.memoryUsage().arrayBuffers;
    };
    const before = retained('major');
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, retained('minor'))), 50);
    const spewer = spew(pty!.devicePath, { ms: 3000, chunkBytes: 64 * 1024, everyMs: 2 });
    const errors = new Set<string>();
    let healedAt = 0;
    try {
      await spewer.started;
      const first = await driver.poll('julabo');
      expect(first.state).toBe('ERROR');
      expect((await dcs.devices.byId('julabo'))?.state).toBe('ERROR');
      expect((await lineAlarm())?.message).toMatch(/serial line fault/);
      errors.add(first.error!.replace(/\/\S+/g, '<pty>'));
      void spewer.sent.then(() => (healedAt = Date.now()));
      // Keep polling while the bytes flow; once they stop the line heals by itself.
      await waitFor(
        async () => {
          const r = await driver.poll('julabo');
          if (r.error) errors.add(r.error.replace(/\/\S+/g, '<pty>'));
          return r.state === 'OFF' && healedAt > 0;
        },
        'recovery after the bytes stop',
        15_000,
      );
    } finally {
      clearInterval(sampler);
    }
    const recoveryMs = Date.now() - healedAt;
    const sent = await spewer.sent;
    const growthMb = (peak - before) / 1e6;
    const stats = Object.values(driver.lineStats?.() ?? {})[0];
    console.info(
      `no-CRLF: ${(sent / 1e6).toFixed(1)} MB sent in 3 s without CRLF; parser peak ${stats?.peakBuffered} B; ` +
        `retained buffer memory peak +${growthMb.toFixed(2)} MB; OFF again ${recoveryMs} ms after the bytes stopped; ` +
        `errors: ${[...errors].join(' | ')}`,
    );
    expect(sent).toBeGreaterThan(4e6);
    expect(growthMb).toBeLessThan(2);
    expect(stats?.peakBuffered).toBeLessThanOrEqual(256);
    expect(stats?.overflows).toBeGreaterThanOrEqual(1);
    expect([...errors].join('\n')).toMatch(/exceeds 256 bytes without CRLF|never went quiet/);
    expect(await lineAlarm()).toBeUndefined();
  }, 30_000);
});

describe('every outbound serial call has a timeout', () => {
  it('a write the line never takes (nobody reads the other end) fails after the timeout and frees the line', async () => {
    // Nobody opens the chiller's end: once the pty buffers are full the write cannot complete, as on a
    // real line whose CTS stays low.
    pty = await createPtyPair({ name: 'stuck-julabo' });
    const line = new JulaboLine(
      { path: pty.hostPath, baudRate: 4800, dataBits: 7, parity: 'even', stopBits: 1, rtscts: true },
      { gapMs: 10, timeoutMs: 500 },
    );
    try {
      const started = Date.now();
      const error = await line.write(`OUT_SP_00 ${'9'.repeat(1_000_000)}`).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/^writing OUT_SP_00 9{30}9*… to \S+ did not complete within 500 ms$/);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(line.isOpen).toBe(false);
      // The next exchange is not stuck behind it: it times out on its own (no chiller answers).
      await expect(line.ask('STATUS')).rejects.toThrow(/within 500 ms/);
    } finally {
      await line.close();
    }
  }, 10_000);
});

describe('the capped line splitter', () => {
  const split = (max = 8) => {
    const lines: string[] = [];
    let overflows = 0;
    const s = new CappedLineSplitter(
      max,
      (l) => lines.push(l),
      () => overflows++,
    );
    return { s, lines, overflows: () => overflows };
  };

  it('joins a line split across chunks, including a CRLF split between two chunks', () => {
    const { s, lines } = split();
    for (const chunk of ['21.', '50\r', '\n35\r\n19', '.00\r\n']) s.push(Buffer.from(chunk));
    expect(lines).toEqual(['21.50', '35', '19.00']);
    expect(s.buffered).toBe(0);
  });

  it('skips an over-long line up to its CRLF, reports it once, and never holds more than the maximum', () => {
    const { s, lines, overflows } = split();
    s.push(Buffer.from('x'.repeat(5)));
    for (let i = 0; i < 1000; i++) {
      s.push(Buffer.from('x'.repeat(100)));
      expect(s.buffered).toBeLessThanOrEqual(8);
    }
    s.push(Buffer.from('xx\r'));
    s.push(Buffer.from('\n02 OK\r\n'));
    expect(overflows()).toBe(1);
    expect(lines).toEqual(['02 OK']);
    expect(s.peak).toBeLessThanOrEqual(8);
    s.push(Buffer.from('123456789\r\n'));
    expect(overflows()).toBe(2);
    expect(lines).toEqual(['02 OK']);
  });

  it('discard() drops a partial line and the skip state', () => {
    const { s, lines } = split();
    s.push(Buffer.from('-7.'));
    expect(s.discard()).toBe(3);
    s.push(Buffer.from('21.50\r\n'));
    expect(lines).toEqual(['21.50']);
  });
});
