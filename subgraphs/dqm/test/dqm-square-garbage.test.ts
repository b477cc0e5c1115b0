import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { DqmMachine, startDqmAgentServer } from '@opshub/simulators/dqm-agent';
import {
  subgraphHarness,
  TEST_SECRET,
  testRedisUrl,
  uniquePrefix,
  type SubgraphHarness,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDqmSchema, createDqmServices, type DqmServices } from '../src/index.js';

// Issue 10: "an agent that hangs or answers garbage is backed off and flagged without delaying the
// others" (the bodies a broken agent or a proxy in front of it gives: text, HTML pages, JSON of
// another shape, a garbage documents reply) and "bad agent documents into quarantine".

let h: SubgraphHarness<DqmServices, Db>;
let events: EventBus;
const servers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('dqmgarbage'));
  const log = createLogger('dqmgarbage', 'silent');
  h = await subgraphHarness({
    label: 'dqmgarbage',
    db: (url) => createDb(url, { max: 4 }),
    services: (db) =>
      createDqmServices(db, {
        events,
        log,
        pseudonymKey: TEST_SECRET,
        square: { timeoutMs: 1_000, batchSize: 50, backoffBaseMs: 60_000 },
      }),
    build: buildDqmSchema,
  });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await h?.close();
  await events?.close();
});

type Handler = (req: IncomingMessage, res: ServerResponse, messages: Record<string, unknown>[]) => void;

/** An HTTP server on a free port; `handler` gets the sync_proxy messages parsed. */
async function listen(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      let messages: Record<string, unknown>[] = [];
      try {
        messages = (JSON.parse(body) as { messages: string[] }).messages.map(
          (m) => JSON.parse(m) as Record<string, unknown>,
        );
      } catch {
        // not the protocol: the handler answers anyway
      }
      handler(req, res, messages);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const reply = (res: ServerResponse, messages: unknown[]) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ messages: messages.map((m) => JSON.stringify(m)) }));
};

const HOST = 'dqmfu-c2b09-77-01';
const jobId = (pid: number) => `dqm-source-state-run390777-host${HOST}-pid${String(pid).padStart(6, '0')}`;
const job = (pid: number, rev: number, extra: Record<string, unknown> = {}) => ({
  _id: jobId(pid),
  _rev: rev,
  type: 'dqm-source-state',
  hostname: HOST,
  run: 390_777,
  pid,
  tag: 'beam',
  timestamp: Date.now() / 1000,
  cmdline: ['cmsRun', '/opt/CMSSW_14_0_1/src/DQM/beam_dqm_sourceclient-live_cfg.py', 'runkey=pp_run'],
  events_total: 100,
  events_rate: 2.5,
  cmssw_lumi: 4,
  exit_code: null,
  ...extra,
});
const headerOf = (d: { _id: string; _rev: number }) => ({
  _id: d._id,
  _rev: d._rev,
  timestamp: Date.now() / 1000,
  hostname: HOST,
  type: 'dqm-source-state',
  tag: null,
  run: 390_777,
});

describe('an agent answering garbage', () => {
  it('is flagged with the error and backed off, whatever the garbage, without delaying a good agent', async () => {
    const s = h.services.square;
    const bodies: [string, Handler][] = [
      ['plain text', (_q, res) => res.end('Internal error, please retry')],
      ['an HTML page', (_q, res) => res.end('<!DOCTYPE html><html><body><h1>It works!</h1></body></html>')],
      [
        'an HTML error page',
        (_q, res) => {
          res.statusCode = 502;
          res.end('<html><body>502 Bad Gateway</body></html>');
        },
      ],
      ['a truncated body', (_q, res) => res.end('{"messages": ["{\\"event\\": \\"update_hea')],
      ['JSON of another shape', (_q, res) => res.end('{"result": "ok"}')],
      ['messages that are not JSON', (_q, res) => res.end('{"messages": ["<html>"]}')],
      [
        'headers, then garbage for the documents',
        (_q, res, m) =>
          m[0]?.event === 'sync_request'
            ? reply(res, [{ event: 'update_headers', headers: [headerOf(job(1, 1))], sync_to_rev: 1 }])
            : reply(res, [{ event: 'error', documents: 'none' }]),
      ],
    ];
    const expected: Record<string, string> = {
      'an HTML error page': 'the agent answered HTTP 502',
      'headers, then garbage for the documents':
        'the agent answered request_documents with something else than update_documents',
    };
    const bad = await Promise.all(
      bodies.map(async ([what, handler]) => ({
        what,
        host: await s.hosts.add('PRODUCTION', await listen(handler), null),
      })),
    );
    const machine = new DqmMachine({
      hostname: 'dqmfu-c2b06-77-02',
      role: 'FU',
      cluster: 'production',
      firstRun: 390_700,
      seed: 7,
    });
    machine.step(1_000);
    const agent = await startDqmAgentServer({ machine, cluster: [machine], secret: 's3cret', port: 0 });
    servers.push(agent);
    const good = await s.hosts.add('PRODUCTION', agent.url, null);
    expect(await s.sync.syncHost(good.id)).toMatchObject({ status: 'synced' });
    machine.step(1_023);
    // An agent that never answers, beside them: the good agent's sync is done before its deadline.
    const hung = await s.hosts.add('PRODUCTION', await listen(() => undefined), null);

    const t0 = Date.now();
    const timed = <T>(p: Promise<T>) => p.then((r) => ({ r, ms: Date.now() - t0 }));
    const [goodOutcome, hungOutcome, ...outcomes] = await Promise.all([
      timed(s.sync.syncHost(good.id)),
      timed(s.sync.syncHost(hung.id)),
      ...bad.map((b) => s.sync.syncHost(b.host.id)),
    ]);
    expect(goodOutcome!.r).toMatchObject({ status: 'synced' });
    expect(hungOutcome!.r).toMatchObject({ status: 'failed', error: 'no answer within 1000 ms' });
    expect(hungOutcome!.ms).toBeGreaterThanOrEqual(1_000);
    expect(goodOutcome!.ms).toBeLessThan(hungOutcome!.ms);
    outcomes.forEach((o, i) => {
      const { what } = bad[i]!;
      expect(o, what).toMatchObject({
        status: 'failed',
        failures: 1,
        error: expected[what] ?? 'the agent answered with a body that is not the sync protocol',
      });
    });

    // Flagged where clients see agents: down, with the error, backed off.
    const { data, errors } = await h.exec<{
      dqmHosts: {
        id: string;
        up: boolean;
        error: string | null;
        failures: number;
        backoffUntil: string | null;
      }[];
    }>('{ dqmHosts(cluster: PRODUCTION) { id up error failures backoffUntil } }', {}, 'VIEWER');
    expect(errors).toBeUndefined();
    for (const b of bad) {
      const shown = data!.dqmHosts.find((x) => x.id === b.host.id)!;
      expect(shown, b.what).toMatchObject({ up: false, failures: 1 });
      expect(shown.error, b.what).toBeTruthy();
      expect(Date.parse(shown.backoffUntil!), b.what).toBeGreaterThan(Date.now() + 50_000);
      expect(await s.sync.syncHost(b.host.id), b.what).toMatchObject({ status: 'backing-off' });
    }
    expect(data!.dqmHosts.find((x) => x.id === good.id)).toMatchObject({ up: true, error: null });
  });
});

describe('bad agent documents', () => {
  it('are quarantined with their reason, their id redacted, and never block their batch', async () => {
    const s = h.services.square;
    const good = [job(1, 1), job(2, 2, { exit_code: 0 }), job(3, 12, { exit_code: 139 })];
    const garbage: [unknown, string][] = [
      ['just a string', 'the document is string, not an object'],
      [42, 'the document is number, not an object'],
      [null, 'the document is null, not an object'],
      [[1, 2], 'the document is an array, not an object'],
      [{ _rev: 5, type: 'dqm-source-state', hostname: HOST }, 'the document has no _id'],
      [{ ...job(6, 6), _rev: 'six' }, 'the document has no integer _rev'],
      [{ ...job(7, 7), type: undefined }, 'the document has no type'],
      [job(8, 8, { exit_code: 'boom' }), 'exit_code is string, not an integer'],
      [job(9, 9, { hostname: 42 }), 'hostname is number, not a host name'],
      [job(10, 10, { run: 'x', cmssw_run: null }), 'neither run nor cmssw_run is an integer'],
      [
        { ...job(11, 11, { events_total: { a: 1 } }), _id: `weird/${HOST}/11` },
        'events_total is object, not a number',
      ],
    ];
    const documents = [good[0], ...garbage.map(([d]) => d), good[1], good[2]];
    const headers = [...good, ...[4, 5, 6, 7, 8, 9, 10, 11].map((pid) => job(pid, pid))]
      .map(headerOf)
      .sort((a, b) => a._rev - b._rev);
    const url = await listen((_q, res, m) =>
      m[0]?.event === 'sync_request'
        ? reply(res, [{ event: 'update_headers', headers, sync_to_rev: 12 }])
        : reply(res, [{ event: 'update_documents', documents }]),
    );
    const host = await s.hosts.add('PLAYBACK', url, null);
    const outcome = await s.sync.syncHost(host.id);
    expect(outcome).toMatchObject({
      status: 'synced',
      documents: 3,
      quarantined: garbage.length,
      lastRev: 12,
    });

    // The good documents of the same batch are kept.
    const jobs = await h.db.dqmJob.findMany({ where: { hostId: host.id }, orderBy: { id: 'asc' } });
    expect(jobs.map((j) => j.exitCode).sort()).toEqual([0, 139, null]);
    const pseudonym = jobs[0]!.hostName;
    expect(pseudonym).toMatch(/^fu-\d\d$/);

    const { data, errors } = await h.exec<{
      dqmQuarantine: {
        totalCount: number;
        edges: { node: { name: string; reason: string; source: string | null } }[];
      };
    }>('{ dqmQuarantine(first: 50) { totalCount edges { node { name reason source } } } }', {}, 'ADMIN');
    expect(errors).toBeUndefined();
    const entries = data!.dqmQuarantine.edges.map((e) => e.node);
    expect(entries).toHaveLength(garbage.length);
    const reasons = entries.map((e) => e.reason.replace(/^DQM² agent [\w-]+: /, '')).sort();
    expect(reasons).toEqual(garbage.map(([, r]) => r).sort());
    expect(entries.every((e) => e.source === null)).toBe(true);
    const names = entries.map((e) => e.name);
    // A document id the mirror knows keeps its run and pid, its host name replaced; another is digested.
    expect(names).toContain(`run390777-${pseudonym}-pid8`);
    expect(names.filter((n) => /^document-[0-9a-f]{16}$/.test(n))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('no-id-'))).toHaveLength(5);

    // Synced again from the start (the agent's store replaced): each document is quarantined once.
    await h.db.dqmHost.update({ where: { id: host.id }, data: { lastRev: 0 } });
    expect(await s.sync.syncHost(host.id)).toMatchObject({ status: 'synced', quarantined: garbage.length });
    const named = await h.db.dqmQuarantine.findMany({ where: { name: { not: { startsWith: 'no-id-' } } } });
    expect(new Set(named.map((q) => q.name)).size).toBe(named.length);

    const dump = execFileSync('pg_dump', ['--data-only', '--schema=dqm', h.databaseUrl], {
      maxBuffer: 64 << 20,
    }).toString();
    expect(dump).toContain(pseudonym);
    for (const raw of ['dqmfu-', 'c2b09', '/opt/', 'DQM/']) expect(dump, raw).not.toContain(raw);
  });
});
