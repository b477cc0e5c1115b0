import { execFileSync } from 'node:child_process';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { startDqmAgents, type DqmAgents } from '@opshub/simulators/dqm-agent';
import {
  subgraphHarness,
  TEST_SECRET,
  testRedisUrl,
  uniquePrefix,
  type SubgraphHarness,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDqmSchema, createDqmServices, type DqmServices } from '../src/index.js';

const SECRET = 'agent-secret-0123456789';
let h: SubgraphHarness<DqmServices, Db>;
let agents: DqmAgents;
let events: EventBus;
const ids: Record<string, string> = {};

const ADD = `mutation($cluster: Cluster!, $url: String!, $secret: String) {
  addDqmHost(cluster: $cluster, url: $url, controlSecret: $secret) { id name cluster up controllable }
}`;
const CONTROL = `mutation($action: ControlRoomAction!, $host: String!, $args: JSON) {
  controlRoom(action: $action, host: $host, args: $args) { ok output auditId }
}`;

beforeAll(async () => {
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('dqmsquareapi'));
  const log = createLogger('dqmsquareapi', 'silent');
  [h, agents] = await Promise.all([
    subgraphHarness({
      label: 'dqmsquareapi',
      db: (url) => createDb(url, { max: 4 }),
      services: (db) =>
        createDqmServices(db, { events, log, pseudonymKey: TEST_SECRET, square: { timeoutMs: 2_000 } }),
      build: buildDqmSchema,
    }),
    startDqmAgents({ secret: SECRET, stepMs: 60_000 }),
  ]);
  for (const a of agents.agents) {
    const cluster = a.cluster === 'production' ? 'PRODUCTION' : 'PLAYBACK';
    const r = await h.exec<{ addDqmHost: { id: string } }>(
      ADD,
      { cluster, url: a.url, secret: SECRET },
      'ADMIN',
    );
    expect(r.errors).toBeUndefined();
    ids[a.machine.hostname] = r.data!.addDqmHost.id;
    expect(await h.services.square.sync.syncHost(r.data!.addDqmHost.id)).toMatchObject({ status: 'synced' });
  }
});
afterAll(async () => {
  await agents?.close();
  await h?.close();
  await events?.close();
});

const control = (action: string, host: string, args?: unknown, as: 'ADMIN' | 'OPERATOR' = 'ADMIN') =>
  h.exec<{ controlRoom: { ok: boolean; output: string; auditId: string } }>(
    CONTROL,
    { action, host, args },
    as,
  );
const codeOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  r.errors?.[0]?.extensions?.['code'];

describe('the DQM² API', () => {
  it('serves hosts, jobs and runs by pseudonym only; the agent URL to ADMINs only', async () => {
    const hosts = await h.exec<{ dqmHosts: { name: string; up: boolean }[] }>(
      '{ dqmHosts(cluster: PRODUCTION) { name up cluster } }',
    );
    expect(hosts.data!.dqmHosts.map((x) => x.name.replace(/\d+$/, ''))).toEqual(['bu-', 'fu-', 'fu-']);
    expect(codeOf(await h.exec('{ dqmHosts { url } }'))).toBe('FORBIDDEN');
    expect(codeOf(await h.exec(ADD, { cluster: 'PLAYBACK', url: 'http://x:9215' }, 'OPERATOR'))).toBe(
      'FORBIDDEN',
    );

    const run = agents.agents[1]!.machine.run;
    const jobs = await h.exec<{ dqmJobs: { host: string; client: string; state: string; runKey: string }[] }>(
      `query($run: Int) { dqmJobs(cluster: PRODUCTION, run: $run) {
        id host client run state exitCode eventsTotal eventsRate lumisection updatedAt stuck runKey cmsswVersion } }`,
      { run },
    );
    expect(jobs.errors).toBeUndefined();
    expect(jobs.data!.dqmJobs.length).toBeGreaterThan(0);
    expect(jobs.data!.dqmJobs[0]).toMatchObject({ state: 'RUNNING', runKey: 'pp_run' });
    const summary = await h.exec<{ dqmSquareRun: { jobCounts: { running: number }; deliveries: unknown[] } }>(
      `query($run: Int!) { dqmSquareRun(run: $run, cluster: PRODUCTION) { run cmsswVersion runKey
        jobCounts { running finished crashed stuck } deliveries { stream lumisection delaySeconds acceptedEvents } } }`,
      { run },
    );
    expect(summary.errors).toBeUndefined();
    expect(summary.data!.dqmSquareRun.jobCounts.running).toBe(jobs.data!.dqmJobs.length);
    const text = JSON.stringify([hosts.data, jobs.data, summary.data]);
    for (const a of agents.agents) expect(text).not.toContain(a.machine.hostname);
    expect(text).not.toContain('/dqmdata');
  });

  it('validates each action’s arguments, refuses them before the agent, and audits every call', async () => {
    const prod = ids['dqmfu-c2b03-45-01']!;
    const playback = ids['dqmrubu-c2a06-03-01']!;
    const refused = [
      await control('START_PLAYBACK_RUN', prod, { run: 386_900, runKey: 'pp_run', lumisections: 5 }),
      await control('START_PLAYBACK_RUN', playback, {
        run: 386_900,
        runKey: 'pp_run; reboot',
        lumisections: 5,
      }),
      await control('START_PLAYBACK_RUN', playback, { run: 386.5, runKey: 'pp_run' }),
      await control('START_PLAYBACK_RUN', playback, { run: '386900', runKey: 'pp_run' }),
      await control('RESTART_HLTD', prod, { host: 'dqmfu-c2b03-45-01; rm -rf /' }),
      await control('CHANGE_DQM_CLIENT', prod, { client: 'not_a_client', enabled: true }),
      await control('CHANGE_DQM_CLIENT', prod, { client: '../../etc/passwd', enabled: true }),
    ];
    for (const r of refused) expect(codeOf(r), JSON.stringify(r.errors)).toBe('BAD_USER_INPUT');
    expect(codeOf(await control('GET_CMSSW_INFO', prod, undefined, 'OPERATOR'))).toBe('FORBIDDEN');
    expect(codeOf(await control('GET_CMSSW_INFO', '00000000-0000-0000-0000-000000000000'))).toBe('NOT_FOUND');

    const machine = agents.agents.find((a) => a.machine.hostname === 'dqmrubu-c2a06-03-01')!.machine;
    const started = await control('START_PLAYBACK_RUN', playback, {
      run: 386_900,
      runKey: 'cosmic_run',
      lumisections: 5,
    });
    expect(started.data!.controlRoom).toMatchObject({ ok: true, output: 'start_playback_run Ok' });
    expect([machine.run, machine.runKey]).toEqual([386_900, 'cosmic_run']);

    const fu = agents.agents.find((a) => a.machine.hostname === 'dqmfu-c2b03-45-01')!.machine;
    const toggled = await control('CHANGE_DQM_CLIENT', prod, {
      client: 'hcal_dqm_sourceclient-live',
      enabled: true,
    });
    expect(toggled.data!.controlRoom.ok).toBe(true);
    expect(fu.activeClients.has('hcal_dqm_sourceclient-live')).toBe(true);

    const machines = await control('GET_DQM_MACHINES', prod);
    expect(machines.data!.controlRoom.ok).toBe(true);
    expect(machines.data!.controlRoom.output).toMatch(/fu-\d\d/);
    for (const a of agents.agents)
      expect(machines.data!.controlRoom.output).not.toContain(a.machine.hostname);

    const audits = await h.db.dqmControlAudit.findMany({ orderBy: { id: 'asc' } });
    // Every call that reached the service (the role check refuses before it): 9 refused, 3 done.
    expect(audits.map((a) => [a.action, a.ok])).toEqual([
      ['START_PLAYBACK_RUN', false],
      ['START_PLAYBACK_RUN', false],
      ['START_PLAYBACK_RUN', false],
      ['START_PLAYBACK_RUN', false],
      ['RESTART_HLTD', false],
      ['CHANGE_DQM_CLIENT', false],
      ['CHANGE_DQM_CLIENT', false],
      ['GET_CMSSW_INFO', false],
      ['START_PLAYBACK_RUN', true],
      ['CHANGE_DQM_CLIENT', true],
      ['GET_DQM_MACHINES', true],
    ]);
    expect(audits[8]).toMatchObject({
      actor: 'admin',
      args: { run: 386_900, runKey: 'cosmic_run', lumisections: 5 },
    });
    expect(String(audits[10]!.id)).toBe(machines.data!.controlRoom.auditId);
  });

  it('answers ok: false, audited, when the agent refuses the secret', async () => {
    const id = ids['dqmfu-c2b04-45-01']!;
    await h.db.dqmHost.update({ where: { id }, data: { controlSecret: 'wrong-secret-0123456789' } });
    const r = await control('GET_FFF_LOGS', id);
    expect(r.data!.controlRoom).toMatchObject({ ok: false, output: 'access denied' });
    const dump = execFileSync('pg_dump', ['--data-only', '--schema=dqm', h.databaseUrl], {
      maxBuffer: 64 << 20,
    }).toString();
    for (const a of agents.agents) expect(dump).not.toContain(a.machine.hostname);
  });

  it('pages the run timeline, filtered by a job exiting ≠ 0 or by processed lumisections', async () => {
    const a = agents.agents.find((x) => x.machine.hostname === 'dqmfu-c2b04-45-01')!;
    const now = Date.now() / 1000;
    const job = (run: number, pid: number, extra: Record<string, unknown>) => ({
      _id: `dqm-source-state-run${run}-hostdqmfu-c2b04-45-01-pid${pid}`,
      type: 'dqm-source-state',
      hostname: 'dqmfu-c2b04-45-01',
      run,
      pid,
      timestamp: now,
      cmdline: ['cmsRun', '/x/beam_dqm_sourceclient-live_cfg.py', 'runkey=pp_run'],
      ...extra,
    });
    a.machine.store.put(
      job(380_001, 1, { exit_code: 0, cmssw_lumi: 0 }),
      job(380_002, 2, { exit_code: 139, cmssw_lumi: 12 }),
      job(380_003, 3, { exit_code: 0, cmssw_lumi: 40 }),
    );
    expect(await h.services.square.sync.syncHost(ids['dqmfu-c2b04-45-01']!)).toMatchObject({
      status: 'synced',
    });
    const Q = `query($onlyBad: Boolean, $lumis: Boolean, $after: String) {
      dqmRunSummaries(cluster: PRODUCTION, onlyBad: $onlyBad, hasLumisections: $lumis, first: 1, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { run jobs crashed bad hasLumisections } } } }`;
    type Page = {
      dqmRunSummaries: {
        totalCount: number;
        pageInfo: { endCursor: string };
        edges: { node: { run: number } }[];
      };
    };
    const bad = await h.exec<Page>(Q, { onlyBad: true });
    expect(bad.errors).toBeUndefined();
    expect(bad.data!.dqmRunSummaries.totalCount).toBe(1);
    expect(bad.data!.dqmRunSummaries.edges[0]!.node).toMatchObject({ run: 380_002, crashed: 1, bad: true });
    const old = (await h.exec<Page>(Q, {})).data!.dqmRunSummaries;
    const withLumis = await h.exec<Page>(Q, { lumis: true, after: null });
    // The simulator's runs are still at lumisection 0 with no file delivered, and 380001 processed nothing.
    expect(withLumis.data!.dqmRunSummaries.totalCount).toBe(2);
    // Keyset pages: the next page after the newest run is the one before it.
    const runs: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < old.totalCount; i++) {
      const p: Page = (await h.exec<Page>(Q, { after })).data!;
      runs.push(p.dqmRunSummaries.edges[0]!.node.run);
      after = p.dqmRunSummaries.pageInfo.endCursor;
    }
    expect(runs).toEqual([...runs].sort((x, y) => y - x));
    expect(runs.slice(-3)).toEqual([380_003, 380_002, 380_001]);
  });
});
