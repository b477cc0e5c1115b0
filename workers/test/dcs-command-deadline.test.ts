// H1 and L9 of the security review: a device command has a deadline, is re-checked at the wire and is
// never sent twice. On the simulated stand (CAEN on MQTT, Julabo on a pty), with the subgraph's
// services and schema sending commands to the workers as jobs, as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { createLogger } from '@opshub/config';
import {
  buildDcsSchema,
  createDcsServices,
  createJobDispatcher,
  SupplyKind,
  type DcsServices,
} from '@opshub/dcs';
import { bullPrefix, createBullConnection, createQueue } from '@opshub/jobs';
import { testMqttUrl, testRedisUrl, waitFor } from '@opshub/testing';
import { Worker } from 'bullmq';
import { graphql, type GraphQLSchema } from 'graphql';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcsModule, startWorkers, type RunningWorkers } from '../src/index.js';
import { operator, startDcsHarness, type DcsHarness } from './dcs-harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = 'workers/test/fixtures/dcs-worker-process.ts';
/** The commands' deadline in this file (DCS_COMMAND_TIMEOUT_MS), short so that the file stays quick. */
const TIMEOUT_MS = 3_000;
const log = createLogger('dcs-deadline-test', 'silent');

let h: DcsHarness;
/** The subgraph's services and schema, with the short deadline. */
let api: DcsServices;
let schema: GraphQLSchema;
let closeDispatcher: () => Promise<void>;
let workers: RunningWorkers | undefined;
/** Every message published under the test's `dcs/cmd/#`, as the broker delivered it. */
const wire: { topic: string; payload: string; at: number }[] = [];
let watcher: MqttClient;

/** The workers with the dcs module, as `npm run up` starts them (the harness's settings). */
function startDcsWorkers(): Promise<RunningWorkers> {
  return startWorkers({
    env: {
      DATABASE_URL: h.database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: h.prefix,
      SESSION_TTL_HOURS: 12,
      WORKER_SHUTDOWN_MS: 5_000,
      LOG_LEVEL: 'silent',
    },
    log,
    modules: [
      dcsModule({
        databaseUrl: h.database.url,
        mqttUrl: testMqttUrl(),
        root: h.root,
        julaboPort: h.stand.julaboPort,
        timing: { gapMs: 10, timeoutMs: 300 },
        pollEveryMs: 300,
        interlockEveryMs: 100,
      }),
    ],
    schedules: [],
  });
}

async function exec<T>(source: string, variables: Record<string, unknown> = {}) {
  const result = await graphql({
    schema,
    source,
    variableValues: variables,
    contextValue: { user: operator, requestId: `deadline-${Date.now()}`, log },
  });
  return JSON.parse(JSON.stringify(result)) as {
    data?: T;
    errors?: { message: string; extensions: Record<string, unknown> }[];
  };
}

interface HistoryNode {
  id: string;
  kind: string;
  status: string;
  result: string | null;
  reason: string | null;
  at: string;
  notAfter: string | null;
  doneAt: string | null;
  issuedBy: { id: string } | null;
}

/** The command history as a user reads it. */
async function history(kind: string): Promise<HistoryNode[]> {
  const r = await exec<{ commands: { edges: { node: HistoryNode }[] } }>(
    'query($kind: String) { commands(kind: $kind, first: 20) { edges { node { id kind status result reason at notAfter doneAt issuedBy { id } } } } }',
    { kind },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.commands.edges.map((e) => e.node);
}

const sent = (suffix: string, since: number) =>
  wire.filter((m) => m.topic === `${h.root}/dcs/cmd/${suffix}` && m.at >= since);
const device = (id: string) => h.api.devices.byId(id);

beforeAll(async () => {
  h = await startDcsHarness('dcsdeadline');
  const dispatcher = await createJobDispatcher(testRedisUrl(), h.prefix, { activeGraceMs: 1_000 });
  closeDispatcher = () => dispatcher.close();
  api = createDcsServices(h.db, {
    databaseUrl: h.database.url,
    events: h.events,
    log,
    dispatcher,
    commandTimeoutMs: TIMEOUT_MS,
  });
  schema = (await buildDcsSchema(api)).schema;
  watcher = mqtt.connect(testMqttUrl(), { clean: true });
  watcher.on('message', (topic, payload) =>
    wire.push({ topic, payload: payload.toString(), at: Date.now() }),
  );
  await watcher.subscribeAsync(`${h.root}/dcs/cmd/#`, { qos: 1 });

  // The stand ready for HV: LV on, the chiller running, every interlock ok.
  await waitFor(async () => (await api.commands.snapshot()).system === 'LV_OFF', 'the supply LV_OFF');
  expect((await api.commands.switchLowVoltage(true, operator)).accepted).toBe(true);
  await waitFor(async () => (await api.commands.snapshot()).system === 'LV_ON', 'LV_ON');
  await waitFor(async () => (await device('julabo'))?.state === 'OFF', 'the chiller OFF');
  expect((await api.commands.startChiller('julabo', operator)).accepted).toBe(true);
  await waitFor(async () => (await api.commands.interlocks()).every((i) => i.ok), 'every interlock ok');
}, 90_000);

afterAll(async () => {
  await workers?.stop();
  await watcher?.endAsync();
  await closeDispatcher?.();
  await api?.close();
  await h?.close();
});

describe('a command past its deadline', () => {
  it('HV on issued while the workers are down fails with COMMAND_EXPIRED; workers started later never send it', async () => {
    await h.workers.stop();
    const issued = Date.now();
    const r = await exec('mutation { switchHighVoltage(on: true) { accepted reason command { id } } }');
    const answeredMs = Date.now() - issued;
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'COMMAND_EXPIRED' });
    expect(r.errors?.[0]?.message).toMatch(/will not be sent/);
    expect(answeredMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(answeredMs).toBeLessThan(TIMEOUT_MS + 2_000);
    const [expired] = await history('switchHighVoltage');
    expect(expired).toMatchObject({ status: 'EXPIRED', issuedBy: { id: operator.id } });
    expect(Math.abs(Date.parse(expired!.notAfter!) - Date.parse(expired!.at) - TIMEOUT_MS)).toBeLessThan(500);

    // The workers come back well after the deadline (the scenario's clock, not a wait for a condition).
    await delay(issued + TIMEOUT_MS + 2_000 - Date.now());
    const restarted = Date.now();
    workers = await startDcsWorkers();
    // They are consuming the dcs queue again: fresh chiller polls, and the command job is gone.
    await waitFor(
      async () => ((await device('julabo'))?.lastSeenAt?.getTime() ?? 0) > restarted + 600,
      'two chiller polls after the restart',
    );
    const state = await workers.queue('dcs').getJobState(expired!.id);
    expect(['unknown', 'failed']).toContain(state);

    expect(sent('switch/hv', issued)).toEqual([]);
    expect(h.stand.caen.modules.every((m) => !m.hv.on)).toBe(true);
    expect((await api.commands.snapshot()).system).toBe('LV_ON');
    const [after] = await history('switchHighVoltage');
    expect(after).toMatchObject({ id: expired!.id, status: 'EXPIRED' });
    expect(after!.reason).toMatch(/deadline/);
  }, 60_000);
});

describe('the last check before the wire', () => {
  it('refuses HV on when an interlock trips between issue and execution, and records why', async () => {
    workers ??= await startDcsWorkers();
    const queue = workers.queue('dcs');
    await queue.pause();
    const issued = Date.now();
    const pending = api.commands.switchHighVoltage(true, operator, 'req-interlock').catch((e: unknown) => e);
    const row = await waitFor(
      async () =>
        (await h.db.command.findFirst({
          where: { kind: 'switchHighVoltage', at: { gte: new Date(issued - 5) } },
          orderBy: { at: 'desc' },
        })) ?? undefined,
      'the command queued',
    );
    // The air turns humid: the dew point climbs over the modules' temperature (ESP boards on MQTT).
    h.stand.esp.temperature = 32;
    h.stand.esp.humidity = 95;
    try {
      await waitFor(
        async () => (await api.commands.interlocks()).find((i) => i.id === 'dew-point')?.ok === false,
        'the dew-point interlock tripped',
      );
      await queue.resume();
      const refused = await pending;
      expect(refused).toMatchObject({ extensions: { code: 'INTERLOCKED' } });
      expect((refused as Error).message).toMatch(/dew point/);
    } finally {
      await queue.resume();
      h.stand.esp.temperature = 21;
      h.stand.esp.humidity = 40;
    }
    expect(sent('switch/hv', issued)).toEqual([]);
    expect(h.stand.caen.modules.every((m) => !m.hv.on)).toBe(true);
    const [stored] = await history('switchHighVoltage');
    expect(stored).toMatchObject({ id: row.id, status: 'REFUSED', result: 'refused at send' });
    expect(stored!.reason).toMatch(/dew point/);
    await waitFor(async () => (await api.commands.interlocks()).every((i) => i.ok), 'the air dry again');
  }, 60_000);
});

/** A TCP proxy to the broker that can stop passing the broker's packets (PUBACKs) back to the client. */
async function brokerProxy(): Promise<{ url: string; freeze(): void; close(): Promise<void> }> {
  const target = new URL(testMqttUrl());
  const sockets = new Set<Socket>();
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 1883), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => {
      if (!frozen) client.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `mqtt://127.0.0.1:${port}`,
    freeze: () => void (frozen = true),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('a worker killed mid-command', () => {
  it('does not send the command again when the job is re-run', async () => {
    await h.workers.stop();
    await workers?.stop();
    workers = undefined;
    const proxy = await brokerProxy();
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', CHILD],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: h.database.url,
          REDIS_URL: testRedisUrl(),
          REDIS_PREFIX: h.prefix,
          MQTT_URL: proxy.url,
          DCS_MQTT_ROOT: h.root,
          JULABO_PORT: h.stand.julaboPort,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const redis = createBullConnection(testRedisUrl());
    const queue = createQueue('dcs', redis, h.prefix);
    const sweeper = new Worker('dcs', undefined, {
      connection: redis,
      prefix: bullPrefix(h.prefix),
      autorun: false,
      stalledInterval: 200,
    });
    try {
      await waitFor(() => output.includes('ready') || child.exitCode !== null, 'the worker process', 30_000);
      expect(output).toContain('ready');
      // From now on the worker's publishes reach the broker, but their PUBACKs never come back.
      proxy.freeze();
      const issued = Date.now();
      const pending = api.commands
        .setChannelVoltage('module-2', SupplyKind.HV, 123, operator, 'req-kill')
        .catch((e: unknown) => e);
      const [first] = await waitFor(
        () => {
          const got = wire.filter((m) => m.at >= issued && m.topic.includes('/dcs/cmd/setv/hv/'));
          return got.length > 0 && got;
        },
        `the command on the wire (worker process: ${output.slice(-2000)})`,
      );
      child.kill('SIGKILL');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      const job = (await queue.getJobs(['active'])).find((j) => j.name === 'caen-command');
      expect(job).toBeDefined();
      // The mutation waits out its deadline; the worker that had the command is gone.
      const answer = await pending;

      // The dead worker's lock expires (30 s in production; deleted here), and a restarted worker's
      // stall checker (its 30 s period shortened) puts the job back in the queue, as BullMQ does.
      const keys = `${bullPrefix(h.prefix)}:dcs`;
      await redis.del(`${keys}:${job!.id}:lock`, `${keys}:stalled-check`);
      void sweeper.startStalledCheckTimer();
      await waitFor(
        async () => (await queue.getJobState(job!.id!)) === 'waiting',
        'the job back in the queue',
      );
      await sweeper.close();
      workers = await startDcsWorkers();
      await waitFor(
        async () => ['completed', 'failed'].includes(await queue.getJobState(job!.id!)),
        'the re-run done',
      );
      // Given the chance to publish again, the re-run did not: the device got the command once.
      expect(wire.filter((m) => m.at >= issued && m.topic === first!.topic)).toHaveLength(1);
      expect(first!.payload).toBe('123');

      // The mutation could not know whether the device got it: COMMAND_EXPIRED, the outcome in the history.
      expect(answer).toMatchObject({ extensions: { code: 'COMMAND_EXPIRED' } });
      expect((answer as Error).message).toMatch(/a worker had taken it/);
      const [settled] = await history('setChannelVoltage');
      expect(settled).toMatchObject({ status: 'FAILED', result: 'interrupted' });
      expect(settled!.reason).toMatch(/not sent again/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await sweeper.close();
      await queue.close();
      await redis.quit();
      await proxy.close();
    }
  }, 90_000);
});
