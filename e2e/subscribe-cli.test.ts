// `npm run opshub -- subscribe` against a live hub, run as a child process as a shell script runs it:
// JSON lines on stdout, a dropped connection resumed after the last eventId with nothing lost or
// repeated, and the exit codes cli/README.md documents.
import net from 'node:net';
import { DCS_STREAMS } from '@opshub/dcs';
import { EventBus } from '@opshub/events';
import { freePort } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repeatUntil, start, subscribeCli } from './child-process.js';
import { startHub, type Hub } from './hub.js';

const FOLLOW = `subscription ($programId: String, $after: String) {
  ousStateChanged(programId: $programId, after: $after) { eventId ous { id } transition { from to } }
}`;
type Line = { ousStateChanged: { eventId: string; ous: { id: string }; transition: { to: string } } };

let hub: Hub;
let viewer: string;
let admin: string;
let made = 0;

beforeAll(async () => {
  hub = await startHub({ label: 'e2e-subscribe-cli' });
  viewer = await hub.token('viewer');
  admin = await hub.token('admin');
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

/** Creates an OUS of `programId` through the gateway; returns its id. */
async function createOus(programId: string): Promise<string> {
  const id = `uid://C1/C1/X${(made++).toString(16)}`;
  const response = await fetch(hub.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({
      query: 'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id } }',
      variables: { p: programId, id },
    }),
  });
  const body = (await response.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
  return id;
}

/** A TCP relay to the gateway whose connections the test can cut, and refuse while it is "down". */
async function relay(port: number) {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined).on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    /** Cuts every open connection and refuses new ones. */
    cut: () => {
      down = true;
      for (const s of sockets) s.destroy();
    },
    restore: () => void (down = false),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const ids = (lines: string[]) => lines.map((l) => (JSON.parse(l) as Line).ousStateChanged.ous.id);

// Each CLI process loads the hub's packages (a few seconds on a loaded machine); several run at once.
describe('opshub subscribe', { timeout: 120_000 }, () => {
  it('prints one JSON line per event and resumes a cut connection with nothing lost or repeated', async () => {
    const program = '2026.1.00001.S';
    const gatewayPort = Number(new URL(hub.url).port);
    const link = await relay(gatewayPort);
    const cli = subscribeCli(
      ['--variables', JSON.stringify({ programId: program }), '--retries', '10', FOLLOW],
      {
        OPSHUB_URL: link.url,
        OPSHUB_TOKEN: viewer,
      },
    );
    try {
      // Live once an OUS created now shows up; from that one on, every OUS must show up once, in order.
      const created: string[] = [];
      const step = async () => void created.push(await createOus(program));
      await repeatUntil('the first event', step, () => cli.lines.length > 0);
      const expected = created.slice(created.indexOf(ids(cli.lines)[0]!));
      for (let i = 0; i < 2; i++) expected.push(await createOus(program));
      await cli.until('the events before the cut', () => ids(cli.lines).includes(expected.at(-1)!));
      const lastBeforeCut = (JSON.parse(cli.lines.at(-1)!) as Line).ousStateChanged.eventId;

      link.cut();
      await cli.until('the cut noticed', () => cli.stderr().includes('connection lost'));
      for (let i = 0; i < 3; i++) expected.push(await createOus(program)); // while nobody listens
      link.restore();
      await cli.until('the reconnection', () => cli.stderr().includes('reconnected'));
      for (let i = 0; i < 2; i++) expected.push(await createOus(program));
      await cli.until('the events after the cut', () => ids(cli.lines).includes(expected.at(-1)!));

      cli.kill('SIGINT');
      expect(await cli.exited).toBe(130);
      expect(ids(cli.lines)).toEqual(expected);
      const events = cli.lines.map((l) => (JSON.parse(l) as Line).ousStateChanged);
      expect(
        events.every((e) => e.transition.to === 'READY_FOR_PROCESSING' && /^\d+-\d+$/.test(e.eventId)),
      ).toBe(true);
      expect(cli.stderr()).toContain(`reconnected, resuming after ${lastBeforeCut}`);
    } finally {
      cli.kill('SIGKILL');
      await link.close();
    }
  });

  it('starts --after an eventId: replays what came since, then --count ends it with 0', async () => {
    const program = '2026.1.00002.S';
    const first = subscribeCli(
      ['--variables', JSON.stringify({ programId: program }), '--count', '1', FOLLOW],
      {
        OPSHUB_URL: hub.url,
        OPSHUB_TOKEN: viewer,
      },
    );
    const created: string[] = [];
    await repeatUntil(
      'the first event',
      async () => void created.push(await createOus(program)),
      () => first.lines.length > 0,
    );
    expect(await first.exited).toBe(0);
    const seen = JSON.parse(first.lines[0]!) as Line;
    const missed = created.slice(created.indexOf(seen.ousStateChanged.ous.id) + 1);
    for (let i = 0; i < 2; i++) missed.push(await createOus(program));

    const args = [
      '--variables',
      JSON.stringify({ programId: program }),
      '--after',
      seen.ousStateChanged.eventId,
    ];
    const again = subscribeCli([...args, '--count', String(missed.length), '--quiet', FOLLOW], {
      OPSHUB_URL: hub.url,
      OPSHUB_TOKEN: viewer,
    });
    expect(await again.exited).toBe(0);
    expect(ids(again.lines)).toEqual(missed);
    expect(again.stderr()).toBe('');
  });

  it('keeps following across a subgraph restart, resuming after the last reading it printed', async () => {
    const bus = await EventBus.connect(hub.redisUrl, hub.redisPrefix);
    const readings = `subscription ($after: String) {
      readingAdded(deviceId: "julabo", metric: "temperature", after: $after) { value eventId }
    }`;
    const cli = subscribeCli(['--retries', '10', readings], { OPSHUB_URL: hub.url, OPSHUB_TOKEN: viewer });
    const publish = (value: number) =>
      bus.publish(DCS_STREAMS.readingsAdded, 'readings', {
        readings: [{ deviceId: 'julabo', metric: 'temperature', value, at: new Date().toISOString() }],
      });
    const values = () =>
      cli.lines.map((l) => (JSON.parse(l) as { readingAdded: { value: number } }).readingAdded.value);
    try {
      await repeatUntil(
        'the first reading',
        () => publish(1),
        () => cli.lines.length > 0,
      );
      const dcs = hub.subgraphs['dcs']!;
      const port = dcs.port;
      await dcs.close();
      await publish(2); // while dcs is down: the gateway ends the subscription (UPSTREAM_UNAVAILABLE)
      await publish(3);
      await hub.restartSubgraph('dcs', port);
      await repeatUntil(
        'a reading after the restart',
        () => publish(4),
        () => values().includes(4),
      );
      cli.kill('SIGINT');
      expect(await cli.exited).toBe(130);
      // 1 and 4 were published until they arrived (each time a new event); 2 and 3 once, in between.
      expect(values().filter((v, i, all) => v !== all[i - 1])).toEqual([1, 2, 3, 4]);
      expect(cli.stderr()).toMatch(/UPSTREAM_UNAVAILABLE|connection lost/);
    } finally {
      cli.kill('SIGKILL');
      await bus.close();
    }
  });

  it('ends with 0 when its reader goes away (| head -n 2)', async () => {
    const program = '2026.1.00003.S';
    const cli = `node --import ./scripts/register.mjs --no-warnings cli/src/main.ts subscribe --quiet`;
    const variables = JSON.stringify({ programId: program });
    const piped = start(
      'bash',
      ['-c', `${cli} --variables '${variables}' '${FOLLOW}' | head -n 2; exit \${PIPESTATUS[0]}`],
      {
        OPSHUB_URL: hub.url,
        OPSHUB_TOKEN: viewer,
      },
    );
    let exited = false;
    void piped.exited.then(() => (exited = true));
    // head takes two lines and leaves; the CLI notices at its next line.
    await repeatUntil(
      'the CLI to end',
      () => createOus(program),
      () => exited,
    );
    expect(await piped.exited).toBe(0);
    expect(ids(piped.lines)).toHaveLength(2);
    expect(piped.stderr()).toBe('');
  });

  it('exits with a code a script can branch on', async () => {
    const closed = await freePort();
    const run = (args: string[], env: Record<string, string> = {}) =>
      subscribeCli(args, { OPSHUB_URL: hub.url, OPSHUB_TOKEN: viewer, ...env });
    const quiet = '{"programId":"9999.9.99999.S"}';
    const cases = {
      usage: run(['--variables', '{programId', FOLLOW]),
      badToken: run([FOLLOW], { OPSHUB_TOKEN: 'not-a-token-of-this-hub' }),
      noToken: run([FOLLOW], { OPSHUB_TOKEN: '' }),
      unknownField: run(['subscription { noSuchStream { eventId } }']),
      query: run(['{ me { username } }']),
      unreachable: run(['--retries', '0', FOLLOW], { OPSHUB_URL: `http://127.0.0.1:${closed}` }),
      timedOut: run(['--variables', quiet, '--count', '5', '--timeout', '2', FOLLOW]),
      timeBound: run(['--variables', quiet, '--timeout', '2', FOLLOW]),
    };
    const codes = Object.fromEntries(
      await Promise.all(Object.entries(cases).map(async ([name, child]) => [name, await child.exited])),
    );
    expect(codes).toEqual({
      usage: 2,
      badToken: 3,
      noToken: 3,
      unknownField: 4,
      query: 4,
      unreachable: 5,
      timedOut: 6,
      timeBound: 0,
    });
    expect(cases.badToken.stderr()).toContain('UNAUTHENTICATED');
    expect(cases.unknownField.stderr()).toMatch(/GRAPHQL_VALIDATION_FAILED.*noSuchStream/);
    expect(cases.unreachable.stderr()).toContain('ECONNREFUSED');
    expect(cases.timedOut.stderr()).toContain('0 of 5 events arrived');
    for (const child of Object.values(cases)) expect(child.lines).toEqual([]);
  });
});
