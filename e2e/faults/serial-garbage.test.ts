// Fault: the chiller's serial line returns garbage. The whole hub with the simulated stand (the Julabo on
// a socat pty, polled by the real dcs workers); the chiller answers every command with noise and another
// process pours random bytes (partial lines, over-long lines, stray CRLFs) onto the same line. As an
// operator sees it through the gateway: the chiller goes ERROR with its `chiller-line` alarm, no garbage
// becomes a reading, and when the line heals the chiller is back to OFF with the alarm cleared, by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubDcsStand, type HubDcsStand } from '../dcs-stand.js';
import { startHub, type Hub } from '../hub.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

let hub: Hub;
let dcs: HubDcsStand;
let noise: ChildProcess | undefined;

beforeAll(async () => {
  hub = await startHub({ label: 'e2e-serial-garbage' });
  dcs = await startHubDcsStand(hub);
}, 120_000);

afterAll(async () => {
  noise?.kill();
  await dcs?.stop();
  await hub?.stop();
});

async function post(query: string): Promise<Json> {
  const response = await fetch(hub.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await hub.token('viewer')}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: Json; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

interface Seen {
  state: string;
  online: boolean;
  temperatureAt: number | undefined;
  active: { rule: string; deviceId: string | null; message: string }[];
}

/** The chiller and the active alarms, as the gateway shows them. */
async function chiller(): Promise<Seen> {
  const data = await post(`{
    device(id: "julabo") { state online latest { metric at } }
    alarms(active: true) { rule deviceId message }
  }`);
  const latest = data['device'].latest as { metric: string; at: string }[];
  const at = latest.find((r) => r.metric === 'temperature')?.at;
  return {
    state: data['device'].state,
    online: data['device'].online,
    temperatureAt: at ? Date.parse(at) : undefined,
    active: (data['alarms'] as Seen['active']).filter((a) => a.deviceId === 'julabo'),
  };
}

async function until(check: (s: Seen) => boolean, what: string, timeoutMs = 20_000): Promise<Seen> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await chiller();
    if (check(seen)) return seen;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Another process pouring random bytes onto the chiller's end of the line (a noisy cable, a wrong baud rate). */
function pourNoise(path: string): ChildProcess {
  const script = `
    const fs = require('node:fs');
    const { randomBytes } = require('node:crypto');
    const fd = fs.openSync(process.argv[1], fs.constants.O_WRONLY | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK);
    setInterval(() => {
      // Random bytes: partial lines, over-long lines, and now and then a CRLF that ends one.
      const chunk = Buffer.concat([randomBytes(1 + Math.floor(Math.random() * 600)), Math.random() < 0.5 ? Buffer.from('\\r\\n') : Buffer.alloc(0)]);
      try { fs.writeSync(fd, chunk); } catch (e) { if (e.code !== 'EAGAIN') throw e; }
    }, 20);`;
  return spawn(process.execPath, ['-e', script, path], { stdio: 'ignore' });
}

const clean = (s: Seen) =>
  s.state === 'OFF' &&
  s.online &&
  !s.active.some((a) => a.rule === 'chiller-line' || a.rule === 'device-error');

describe('a serial line that returns garbage', () => {
  it('puts the chiller in ERROR with a chiller-line alarm, stores no garbage, and recovers by itself', async () => {
    await until(clean, 'the chiller OFF and online, without alarms');

    const brokeAt = Date.now();
    dcs.stand.julabo.garble = true;
    noise = pourNoise(dcs.stand.pty.devicePath);
    const broken = await until(
      (s) => s.state === 'ERROR' && s.active.some((a) => a.rule === 'chiller-line'),
      'ERROR with the chiller-line alarm',
    );
    const detectedMs = Date.now() - brokeAt;
    expect(broken.active.find((a) => a.rule === 'chiller-line')!.message).toMatch(/serial line fault/);
    expect(broken.active.some((a) => a.rule === 'device-error')).toBe(true);

    // Garbage for a while: the chiller stays in ERROR and no reading is stored from the noise.
    const lastGood = broken.temperatureAt;
    const holdUntil = Date.now() + 3_000;
    while (Date.now() < holdUntil) {
      const seen = await chiller();
      expect(seen.state).toBe('ERROR');
      expect(seen.temperatureAt).toBe(lastGood);
      await new Promise((r) => setTimeout(r, 100));
    }

    noise.kill();
    await new Promise((r) => noise!.once('exit', r));
    dcs.stand.julabo.garble = false;
    const healedAt = Date.now();
    const recovered = await until(clean, 'the chiller OFF again without alarms');
    const recoveryMs = Date.now() - healedAt;
    expect(recovered.temperatureAt).toBeGreaterThan(lastGood ?? 0);

    const cleared = (await post('{ alarms(active: false) { rule deviceId clearedAt } }'))['alarms'] as Json[];
    expect(cleared.find((a) => a.rule === 'chiller-line' && a.deviceId === 'julabo')?.clearedAt).toBeTruthy();
    console.info(
      `serial-garbage: ERROR + chiller-line alarm seen ${detectedMs} ms after the garbage started; ` +
        `OFF with the alarms cleared ${recoveryMs} ms after the line healed (poll every 300 ms, answer timeout 1.5 s)`,
    );
    expect(recoveryMs).toBeLessThan(10_000);
  }, 60_000);
});
