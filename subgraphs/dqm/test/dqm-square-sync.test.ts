import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DqmMachine, startDqmAgentServer, type DqmAgentServer } from '@opshub/simulators/dqm-agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDqmSquareHarness, type DqmSquareHarness } from './dqm-square-harness.js';

let h: DqmSquareHarness;
const servers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  h = await startDqmSquareHarness('dqmsquaresync');
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await h?.close();
});

async function agent(machine: DqmMachine, port = 0): Promise<DqmAgentServer> {
  const server = await startDqmAgentServer({ machine, cluster: [machine], secret: 's3cret', port });
  servers.push(server);
  return server;
}

function fu(hostname: string, seed: number): DqmMachine {
  return new DqmMachine({ hostname, role: 'FU', cluster: 'production', firstRun: 390_000 + seed, seed });
}

const jobDocs = (m: DqmMachine) =>
  m.store.documents(m.store.headersAfter().map((x) => x._id)).filter((d) => d.type === 'dqm-source-state');

describe('the DQM² sync', () => {
  it('resumes from the last rev after the agent restarts: updates applied, no duplicates', async () => {
    const s = h.services();
    const machine = fu('dqmfu-c2b03-45-01', 1);
    for (let t = 0; t < 4; t++) machine.step(1_000 + t * 23);
    const first = await agent(machine);
    const host = await s.hosts.add('PRODUCTION', first.url, 's3cret');
    const one = await s.sync.syncHost(host.id);
    expect(one).toMatchObject({ status: 'synced', lastRev: machine.store.rev });

    await first.close();
    for (let t = 4; t < 9; t++) machine.step(1_000 + t * 23); // progress while the agent is down
    const before = machine.store.rev;
    await agent(machine, first.port);
    const two = await s.sync.syncHost(host.id);
    // Only the headers of rev ≥ the last known one: what changed since, and the known one if unchanged.
    const asked = machine.store.headersAfter((one as { lastRev: number }).lastRev - 1);
    expect(two).toMatchObject({ status: 'synced', lastRev: before, headers: asked.length });
    const rows = await h.db.dqmJob.findMany({ where: { hostId: host.id } });
    const docs = jobDocs(machine);
    expect(rows).toHaveLength(docs.length);
    for (const doc of docs) {
      const row = rows.find((r) => r.run === doc.run && r.id.endsWith(`pid${String(doc.pid)}`));
      expect(row, String(doc._id)).toBeDefined();
      expect(row!.rev).toBe(BigInt(doc._rev!));
      expect(row!.lumisection).toBe(doc.cmssw_lumi);
      expect(row!.eventsTotal).toBe(BigInt(doc.events_total as number));
    }
    expect((await h.db.dqmHost.findUniqueOrThrow({ where: { id: host.id } })).name).toBe('fu-01');
    // In sync: the agent re-sends the known rev's header only, and nothing is fetched.
    expect(await s.sync.syncHost(host.id)).toMatchObject({
      status: 'synced',
      headers: 1,
      documents: 0,
      requests: 1,
    });
  });

  it('fetches documents in batches: requests ≤ documents / batch + 1', async () => {
    const s = h.services({ batchSize: 250, timeoutMs: 2_000, backoffBaseMs: 60_000 });
    const machine = fu('dqmfu-c2b05-45-01', 2);
    const now = Date.now() / 1000;
    machine.store.put(
      ...Array.from({ length: 1_200 }, (_, i) => ({
        _id: `dqm-source-state-run391000-hostdqmfu-c2b05-45-01-pid${String(i).padStart(6, '0')}`,
        type: 'dqm-source-state',
        hostname: 'dqmfu-c2b05-45-01',
        tag: 'beam_dqm_sourceclient-live',
        run: 391_000,
        pid: i,
        timestamp: now,
        cmdline: ['cmsRun', '/x/CMSSW_14_0_1/src/beam_dqm_sourceclient-live_cfg.py', 'runkey=cosmic_run'],
        exit_code: i % 7 === 0 ? 1 : 0,
      })),
    );
    const server = await agent(machine);
    const host = await s.hosts.add('PRODUCTION', server.url, null);
    const out = await s.sync.syncHost(host.id);
    expect(out).toMatchObject({ status: 'synced', documents: 1_200, headers: 1_200 });
    // One sync_request (its 2 header chunks in one reply) and ⌈1200 / 250⌉ = 5 request_documents.
    expect((out as { requests: number }).requests).toBe(6);
    expect(await h.db.dqmJob.count({ where: { hostId: host.id } })).toBe(1_200);
  });

  it('backs off and flags an agent that hangs or answers garbage, without delaying the others', async () => {
    const s = h.services({ timeoutMs: 800, batchSize: 50, backoffBaseMs: 60_000 });
    let hungRequests = 0;
    let garbageRequests = 0;
    const hung = await listen(() => void (hungRequests += 1)); // never answers
    const garbage = await listen((_req, res) => {
      garbageRequests += 1;
      res.end('{"messages": ["not json"');
    });
    const good = fu('dqmfu-c2b06-45-01', 3);
    good.step(1_000);
    const goodAgent = await agent(good);
    const [hungHost, garbageHost, goodHost] = [
      await s.hosts.add('PLAYBACK', hung.url, null),
      await s.hosts.add('PLAYBACK', garbage.url, null),
      await s.hosts.add('PLAYBACK', goodAgent.url, null),
    ];
    const t0 = Date.now();
    const goodDone = s.sync.syncHost(goodHost.id).then((r) => ({ r, ms: Date.now() - t0 }));
    const [a, b, c] = await Promise.all([
      s.sync.syncHost(hungHost.id),
      s.sync.syncHost(garbageHost.id),
      goodDone,
    ]);
    expect(c.r.status).toBe('synced');
    expect(c.ms).toBeLessThan(800);
    expect(a).toMatchObject({ status: 'failed', error: 'no answer within 800 ms', failures: 1 });
    expect(b).toMatchObject({
      status: 'failed',
      error: 'the agent answered with a body that is not the sync protocol',
    });
    for (const id of [hungHost.id, garbageHost.id]) {
      const row = await h.db.dqmHost.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ up: false, failures: 1 });
      expect(row.error).toBeTruthy();
      expect(row.backoffUntil!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    }
    // Backed off: the next syncs return at once, without a request to the agent.
    expect(await s.sync.syncHost(hungHost.id)).toMatchObject({ status: 'backing-off' });
    expect(await s.sync.syncHost(garbageHost.id)).toMatchObject({ status: 'backing-off' });
    expect([hungRequests, garbageRequests]).toEqual([1, 1]);
    // The backoff doubles per consecutive failure.
    await h.db.dqmHost.update({ where: { id: garbageHost.id }, data: { backoffUntil: new Date(0) } });
    const again = await s.sync.syncHost(garbageHost.id);
    expect(again).toMatchObject({ status: 'failed', failures: 2 });
    const wait = (again as { until: Date }).until.getTime() - Date.now();
    expect(wait).toBeGreaterThan(110_000);
    await Promise.all([hung.close(), garbage.close()]);
  });

  it('stores no raw host name or path: the database dump has none of them', async () => {
    const s = h.services({ timeoutMs: 2_000, batchSize: 50, backoffBaseMs: 60_000, keepLogs: true });
    const bu = new DqmMachine({
      hostname: 'dqmrubu-c2a06-99-01',
      role: 'BU',
      cluster: 'playback',
      firstRun: 392_000,
      seed: 9,
    });
    const machine = fu('dqmfu-c2b07-99-01', 8);
    for (let t = 0; t < 6; t++) {
      machine.step(1_000 + t * 23);
      bu.step(1_000 + t * 23);
    }
    for (const m of [machine, bu]) {
      const server = await agent(m);
      const host = await s.hosts.add('PLAYBACK', server.url, 's3cret');
      expect(await s.sync.syncHost(host.id)).toMatchObject({ status: 'synced' });
    }
    const jobs = await h.db.dqmJob.findMany({ where: { run: 390_008 } });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs[0]).toMatchObject({ runKey: 'pp_run', cmsswVersion: 'CMSSW_14_0_15_patch1' });
    const name = jobs[0]!.hostName;
    expect(name).toMatch(/^fu-\d\d$/);
    expect(jobs[0]!.client).toMatch(/_dqm_sourceclient-live$/);
    expect(jobs[0]!.logTail).toContain(name); // kept (the setting is on), redacted
    expect(await h.db.dqmStreamDelivery.count({ where: { run: 392_000 } })).toBeGreaterThan(0);
    const dump = execFileSync('pg_dump', ['--data-only', '--schema=dqm', h.database.url], {
      maxBuffer: 64 << 20,
    }).toString();
    expect(dump).toContain(name);
    for (const raw of ['dqmfu-', 'dqmrubu-', 'c2b07', '/dqmdata', '/fff/', 'ramdisk', 'DQM/Integration']) {
      expect(dump, raw).not.toContain(raw);
    }
  });
});

async function listen(
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
