// Issue 12 item 3: the DQM admin actions in the hub's audit log (ops.audit_entry, what the audit page
// reads). Registering and unregistering an agent, a control-room call (the control room's own audit
// row is kept too, and named) and adding and removing a NectarCAM source each leave one entry naming
// the admin, the entity and the outcome; a caller without the role leaves none; no secret is kept.
import { randomUUID } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { startDqmAgents, type DqmAgents } from '@opshub/simulators/dqm-agent';
import {
  HARNESS_USER_ID,
  subgraphHarness,
  TEST_SECRET,
  testRedisUrl,
  uniquePrefix,
  type SubgraphHarness,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDqmSchema, createDqmServices, type DqmServices } from '../src/index.js';

const SECRET = 'agent-secret-hub-audit-0123456789';
let h: SubgraphHarness<DqmServices, Db>;
let agents: DqmAgents;
let events: EventBus;

beforeAll(async () => {
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('dqmhubaudit'));
  const log = createLogger('dqmhubaudit', 'silent');
  [h, agents] = await Promise.all([
    subgraphHarness({
      label: 'dqmhubaudit',
      db: (url) => createDb(url, { max: 4 }),
      services: (db) =>
        createDqmServices(db, { events, log, pseudonymKey: TEST_SECRET, square: { timeoutMs: 2_000 } }),
      build: buildDqmSchema,
    }),
    startDqmAgents({ secret: SECRET, stepMs: 60_000 }),
  ]);
});
afterAll(async () => {
  await agents?.close();
  await h?.close();
  await events?.close();
});

/** The entries since the last call (the log only grows). */
let seen = 0n;
async function newEntries() {
  const rows = await h.db.auditEntry.findMany({ where: { id: { gt: seen } }, orderBy: { id: 'asc' } });
  if (rows.length) seen = rows.at(-1)!.id;
  return rows.map(({ actorId, kind, target, detail, requestId }) => {
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    return { actorId, kind, target, detail };
  });
}

describe('DQM admin actions in the hub audit log', () => {
  it('records registering an agent, a control-room call and unregistering it, with who and what', async () => {
    const url = agents.agents[0]!.url;
    const added = await h.exec<{ addDqmHost: { id: string; name: string } }>(
      `mutation($url: String!, $secret: String) {
        addDqmHost(cluster: PRODUCTION, url: $url, controlSecret: $secret) { id name } }`,
      { url, secret: SECRET },
      'ADMIN',
    );
    expect(added.errors).toBeUndefined();
    const host = added.data!.addDqmHost;
    const add = await newEntries();
    expect(add).toEqual([
      {
        actorId: HARNESS_USER_ID,
        kind: 'dqm.host-add',
        target: `dqm-host/${host.id}`,
        detail: { cluster: 'PRODUCTION', url: url.replace(/\/+$/, ''), name: host.name, controlSecret: true },
      },
    ]);
    expect(JSON.stringify(add)).not.toContain(SECRET);

    expect(await h.services.square.sync.syncHost(host.id)).toMatchObject({ status: 'synced' });
    const run = await h.exec<{ controlRoom: { ok: boolean; auditId: string } }>(
      `mutation($host: String!) { controlRoom(action: GET_CMSSW_INFO, host: $host) { ok auditId } }`,
      { host: host.id },
      'ADMIN',
    );
    expect(run.data?.controlRoom.ok).toBe(true);
    const { auditId } = run.data!.controlRoom;
    expect(await newEntries()).toEqual([
      {
        actorId: HARNESS_USER_ID,
        kind: 'dqm.control-room',
        target: `dqm-host/${host.id}`,
        detail: { action: 'GET_CMSSW_INFO', args: {}, ok: true, auditId },
      },
    ]);
    // The control room's own audit keeps its row, the one the hub's entry names.
    const own = await h.db.dqmControlAudit.findUniqueOrThrow({ where: { id: BigInt(auditId) } });
    expect(own).toMatchObject({ actor: 'admin', hostId: host.id, action: 'GET_CMSSW_INFO', ok: true });

    const gone = await h.exec(`mutation($id: ID!) { removeDqmHost(id: $id) }`, { id: host.id }, 'ADMIN');
    expect(gone.data).toEqual({ removeDqmHost: true });
    expect(await newEntries()).toEqual([
      {
        actorId: HARNESS_USER_ID,
        kind: 'dqm.host-remove',
        target: `dqm-host/${host.id}`,
        detail: { cluster: 'PRODUCTION', url: url.replace(/\/+$/, '') },
      },
    ]);

    // A call on an agent that is not there: refused (NOT_FOUND) and audited as such.
    const missing = randomUUID();
    const refused = await h.exec(
      `mutation($host: String!) { controlRoom(action: RESTART_HLTD, host: $host) { ok } }`,
      { host: missing },
      'ADMIN',
    );
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(await newEntries()).toMatchObject([
      {
        actorId: HARNESS_USER_ID,
        kind: 'dqm.control-room',
        target: `dqm-host/${missing}`,
        detail: { action: 'RESTART_HLTD', ok: false },
      },
    ]);
  });

  it('records adding and removing a NectarCAM source, removing an unknown one with its outcome', async () => {
    const added = await h.exec<{ addNectarcamSource: { id: string; url: string } }>(
      `mutation { addNectarcamSource(url: "http://results.example.org/nectarcam/") { id url } }`,
      {},
      'ADMIN',
    );
    const source = added.data!.addNectarcamSource;
    await h.exec(`mutation { addNectarcamSource(url: "${source.url}") { id } }`, {}, 'ADMIN');
    for (let i = 0; i < 2; i++)
      await h.exec(`mutation($id: ID!) { removeNectarcamSource(id: $id) }`, { id: source.id }, 'ADMIN');
    const target = `nectarcam-source/${source.id}`;
    expect(await newEntries()).toEqual([
      {
        actorId: HARNESS_USER_ID,
        kind: 'dqm.nectarcam-source-add',
        target,
        detail: { url: source.url, added: true },
      },
      {
        actorId: HARNESS_USER_ID,
        kind: 'dqm.nectarcam-source-add',
        target,
        detail: { url: source.url, added: false },
      },
      {
        actorId: HARNESS_USER_ID,
        kind: 'dqm.nectarcam-source-remove',
        target,
        detail: { removed: true, url: source.url },
      },
      { actorId: HARNESS_USER_ID, kind: 'dqm.nectarcam-source-remove', target, detail: { removed: false } },
    ]);
  });

  it('records nothing for a caller without the ADMIN role, nor for a registration from settings', async () => {
    await newEntries();
    const url = agents.agents[1]!.url;
    for (const role of ['OPERATOR', 'VIEWER'] as const) {
      const r = await h.exec(
        `mutation($url: String!) { addDqmHost(cluster: PRODUCTION, url: $url) { id } }`,
        { url },
        role,
      );
      expect(r.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      const s = await h.exec(
        `mutation { addNectarcamSource(url: "http://x.example.org/") { id } }`,
        {},
        role,
      );
      expect(s.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    // The workers register the agents and the source of their settings at start: no user acted.
    await h.services.square.hosts.ensure('PRODUCTION', url, null);
    await h.services.nectarcam.addSource('http://settings.example.org/results/');
    expect(await newEntries()).toEqual([]);
  });
});
