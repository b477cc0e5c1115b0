// Issue 11, item 4: every process can run twice. The hub (subgraphs and gateway A) in this process,
// gateway B and two workers processes as child processes, all on one database, one Redis and one
// prefix. A subscriber on one gateway receives the event a mutation through the other caused; each
// workflow follow-up job runs once with two workers processes taking jobs (one recipe, one run, one
// report, one transition and one outbox row per move); the outbox relay's job scheduler, upserted
// by both processes at different times, runs once per tick.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { SUBGRAPHS } from '@opshub/config';
import { createBullConnection, createQueue, JOB_QUEUE } from '@opshub/jobs';
import { TEST_SECRET } from '@opshub/testing';
import { recipeFor } from '@opshub/workflow';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { gql, waitFor, type Json } from './faults/faults-helpers.js';
import { startHub, type Hub } from './hub.js';
import type { PeerSettings } from './run-twice-peer.js';

const RELAY_EVERY_MS = 500;
let hub: Hub;
const peers: Peer[] = [];
let gatewayB: string;

interface Peer {
  child: ChildProcess;
  /** Starts it (compiled meanwhile); resolves with what it printed after `ready`. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

function spawnPeer(settings: PeerSettings): Peer {
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', path.join(import.meta.dirname, 'run-twice-peer.ts')],
    {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, RUN_TWICE: JSON.stringify(settings) },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const seen: string[] = [];
  let rest = '';
  child.stdout!.on('data', (d: Buffer) => {
    const lines = (rest + d.toString()).split('\n');
    rest = lines.pop()!;
    seen.push(...lines.map((l) => l.trim()));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const peer: Peer = {
    child,
    start: async () => {
      await waitFor(
        () => seen.includes('loaded') || child.exitCode !== null,
        `${settings.role} compiled`,
        90_000,
      );
      child.stdin!.write('go\n');
      const ready = await waitFor(
        () => seen.find((l) => l.startsWith('ready')) ?? child.exitCode !== null,
        `${settings.role} running`,
        60_000,
      );
      if (typeof ready !== 'string')
        throw new Error(`the ${settings.role} process exited with ${child.exitCode}`);
      return ready.slice('ready'.length).trim();
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  peers.push(peer);
  return peer;
}

beforeAll(async () => {
  hub = await startHub({ label: 'e2e-run-twice', jobs: true });
  const base: Omit<PeerSettings, 'role'> = {
    databaseUrl: hub.databaseUrl,
    redisUrl: hub.redisUrl,
    redisPrefix: hub.redisPrefix,
    secret: TEST_SECRET,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.urlKey, hub.subgraphs[s.name]!.url])),
    productRoot: hub.workflow.store.productRoot,
    archiveRoot: hub.workflow.store.archiveRoot,
    seed: hub.workflow.seed,
    relayEveryMs: RELAY_EVERY_MS,
  };
  await mkdir(base.productRoot, { recursive: true });
  // All three compile at once; the second workers process starts later, upserting the schedulers again.
  const [gateway, first, second] = [
    spawnPeer({ ...base, role: 'gateway' }),
    spawnPeer({ ...base, role: 'workers' }),
    spawnPeer({ ...base, role: 'workers' }),
  ];
  gatewayB = await gateway.start();
  await first.start();
  await new Promise((r) => setTimeout(r, 3 * RELAY_EVERY_MS + 200));
  await second.start();
}, 240_000);

afterAll(async () => {
  for (const p of peers) await p.stop();
  await hub?.stop();
});

/** Subscribes on `wsUrl`; sends creations through `httpUrl` until an event for one of them arrives. */
async function eventAcross(
  wsUrl: string,
  httpUrl: string,
  tag: string,
): Promise<{ sent: string[]; event: Json }> {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${await hub.token('viewer')}` },
    retryAttempts: 0,
  });
  const program = `2026.1.0002${tag}.S`;
  const received = new Promise<Json>((resolve, reject) => {
    client.subscribe(
      {
        query: `subscription ($p: String) { ousStateChanged(programId: $p) { ous { id state } transition { from to actor { username } } } }`,
        variables: { p: program },
      },
      { next: (v) => resolve(v.data as Json), error: reject, complete: () => undefined },
    );
  });
  // A socket closed after the test has moved on is no failure of it.
  received.catch(() => undefined);
  const admin = await hub.token('admin');
  const sent: string[] = [];
  let event: Json | undefined;
  const deadline = Date.now() + 15_000;
  // The subscription is live once the gateway has its upstream open; the first event proves it.
  while (!event && Date.now() < deadline) {
    const id = `uid://R${tag}/R${tag}/R${sent.length + 1}`;
    const r = await gql(
      httpUrl,
      admin,
      'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id } }',
      {
        p: program,
        id,
      },
    );
    expect(r.errors).toBeUndefined();
    sent.push(id);
    event = await Promise.race([
      received,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 300)),
    ]);
  }
  await client.dispose();
  expect(event, 'no event within 15 s').toBeDefined();
  return { sent, event: event! };
}

describe('two gateways and two workers processes on one Redis and Postgres', () => {
  it('delivers on gateway A the event of a mutation sent through gateway B, and the other way', async () => {
    const toA = await eventAcross(hub.wsUrl, gatewayB, '1');
    expect(toA.sent).toContain(toA.event['ousStateChanged'].ous.id);
    expect(toA.event['ousStateChanged'].transition).toEqual({
      from: null,
      to: 'READY_FOR_PROCESSING',
      actor: { username: 'admin' },
    });
    const toB = await eventAcross(gatewayB.replace(/^http/, 'ws'), hub.graphqlUrl, '2');
    expect(toB.sent).toContain(toB.event['ousStateChanged'].ous.id);
  });

  it('runs each workflow follow-up once with two workers processes taking jobs', async () => {
    const admin = await hub.token('admin');
    const operator = await hub.token('operator');
    // OUSs the batch helper gives a pipeline recipe, created through gateway B, sent on through A.
    const ids: string[] = [];
    for (let i = 1; ids.length < 6; i++)
      if (recipeFor(hub.workflow.seed, `uid://W1/W1/W${i}`).startsWith('Pipeline'))
        ids.push(`uid://W1/W1/W${i}`);
    for (const id of ids) {
      const r = await gql(
        gatewayB,
        admin,
        'mutation ($id: ID!) { createObsUnitSet(programId: "2026.1.00031.S", id: $id) { id } }',
        { id },
      );
      expect(r.errors).toBeUndefined();
    }
    for (const id of ids) {
      await waitFor(
        async () => (await hub.db.obsUnitSet.findUnique({ where: { id } }))?.recipe,
        `${id}'s recipe`,
        30_000,
      );
      const r = await gql(
        hub.graphqlUrl,
        operator,
        'mutation ($id: ID!) { assignExecutive(ousId: $id, executive: EU) { state } }',
        { id },
      );
      expect(r.errors).toBeUndefined();
    }
    await waitFor(
      async () =>
        (await hub.db.obsUnitSet.count({ where: { id: { in: ids }, state: 'READY_FOR_REVIEW' } })) ===
        ids.length,
      'every OUS ready for review',
      60_000,
    );
    for (const id of ids) {
      expect(await hub.db.pipelineRun.count({ where: { ousId: id } }), `${id}: runs`).toBe(1);
      expect(await hub.db.pipelineReport.count({ where: { ousId: id } }), `${id}: reports`).toBe(1);
      const moves = await hub.db.ousTransition.findMany({ where: { ousId: id }, orderBy: { at: 'asc' } });
      const keys = moves.map((m) => `${m.from}->${m.to}`);
      expect(new Set(keys).size, `${id}: a move made twice (${keys.join(', ')})`).toBe(keys.length);
      const [outboxed] = await hub.db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM workflow.outbox WHERE payload->'ous'->>'id' = ${id}`;
      expect(Number(outboxed!.n), `${id}: one event per move`).toBe(moves.length);
    }
  });

  it('runs the job scheduler upserted by both processes once per tick', async () => {
    // Let the schedule tick a few times with both processes taking jobs.
    await new Promise((r) => setTimeout(r, 8 * RELAY_EVERY_MS));
    const connection = createBullConnection(hub.redisUrl);
    const queue = createQueue(JOB_QUEUE['outbox-relay'], connection, hub.redisPrefix);
    const jobs = (await queue.getJobs(['completed', 'active'], 0, -1)).filter(
      (j) => j.repeatJobKey === 'outbox-relay',
    );
    const ticks = jobs.map((j) => Number(j.id!.split(':').at(-1))).sort((a, b) => a - b);
    await queue.close();
    await connection.quit();
    const periods = (Date.now() - ticks[0]!) / RELAY_EVERY_MS;
    expect(new Set(ticks).size).toBe(ticks.length);
    // One run per tick: never two ticks closer than the period, as many runs as periods (none skipped).
    for (let i = 1; i < ticks.length; i++)
      expect(ticks[i]! - ticks[i - 1]!).toBeGreaterThanOrEqual(RELAY_EVERY_MS);
    expect(ticks.length).toBeLessThanOrEqual(Math.floor(periods) + 1);
    expect(ticks.length).toBeGreaterThanOrEqual(Math.min(10, Math.floor(periods) - 3));
  });
});
