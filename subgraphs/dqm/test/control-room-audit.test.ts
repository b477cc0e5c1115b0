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

const SECRET = 'agent-secret-audit-0123456789';
let h: SubgraphHarness<DqmServices, Db>;
let agents: DqmAgents;
let events: EventBus;
const ids: string[] = [];

const CONTROL = `mutation($action: ControlRoomAction!, $host: String!, $args: JSON) {
  controlRoom(action: $action, host: $host, args: $args) { ok output auditId }
}`;
const AUDIT = `query($first: Int, $after: String, $host: ID) {
  controlRoomAudit(first: $first, after: $after, host: $host) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id at actor host { id name } action args ok output durationMs } }
  }
}`;

interface Entry {
  id: string;
  actor: string;
  host: { id: string; name: string } | null;
  action: string;
  args: unknown;
  ok: boolean;
  output: string;
  durationMs: number;
}
interface AuditPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Entry }[];
}

beforeAll(async () => {
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('dqmaudit'));
  const log = createLogger('dqmaudit', 'silent');
  [h, agents] = await Promise.all([
    subgraphHarness({
      label: 'dqmaudit',
      db: (url) => createDb(url, { max: 4 }),
      services: (db) =>
        createDqmServices(db, { events, log, pseudonymKey: TEST_SECRET, square: { timeoutMs: 2_000 } }),
      build: buildDqmSchema,
    }),
    startDqmAgents({ secret: SECRET, stepMs: 60_000 }),
  ]);
  for (const a of agents.agents.slice(0, 2)) {
    const host = await h.services.square.hosts.add('PRODUCTION', a.url, SECRET);
    expect(await h.services.square.sync.syncHost(host.id)).toMatchObject({ status: 'synced' });
    ids.push(host.id);
  }
});
afterAll(async () => {
  await agents?.close();
  await h?.close();
  await events?.close();
});

const control = async (action: string, host: string, args?: unknown) => {
  const r = await h.exec<{ controlRoom: { ok: boolean; auditId: string } }>(
    CONTROL,
    { action, host, args },
    'ADMIN',
  );
  return r.data?.controlRoom.auditId ?? null;
};

async function audit(vars: Record<string, unknown>): Promise<Entry[]> {
  const seen: Entry[] = [];
  let after: string | null = null;
  for (;;) {
    const r = await h.exec<{ controlRoomAudit: AuditPage }>(AUDIT, { ...vars, after }, 'ADMIN');
    expect(r.errors).toBeUndefined();
    const p: AuditPage = r.data!.controlRoomAudit;
    seen.push(...p.edges.map((e) => e.node));
    if (!p.pageInfo.hasNextPage) return seen;
    after = p.pageInfo.endCursor;
  }
}

describe('controlRoomAudit', () => {
  it('lists every call newest first with its result, paged, and one agent’s calls by host', async () => {
    const [a, b] = ids as [string, string];
    const done = [
      await control('GET_CMSSW_INFO', a),
      await control('GET_DQM_MACHINES', b),
      await control('START_PLAYBACK_RUN', a, { run: 12, runKey: 'pp_run' }), // refused: production agent
      await control('RESTART_HLTD', b),
    ];
    // A refused call answers with its error, not an id; it is audited all the same.
    expect(done.map((id) => id !== null)).toEqual([true, true, false, true]);

    const all = await audit({ first: 3 });
    expect(all.map((e) => e.id)).toEqual([done[3], all[1]!.id, done[1], done[0]]);
    expect(all.map((e) => [e.action, e.ok, e.host?.id])).toEqual([
      ['RESTART_HLTD', true, b],
      ['START_PLAYBACK_RUN', false, a],
      ['GET_DQM_MACHINES', true, b],
      ['GET_CMSSW_INFO', true, a],
    ]);
    expect(all[1]!.output).toBe('Playback runs start on playback agents only');
    expect(all[1]!.args).toEqual({});
    expect(all.every((e) => e.actor === 'admin' && e.durationMs >= 0)).toBe(true);
    // Served redacted: pseudonyms, never the agents' host names.
    expect(all[0]!.host!.name).toMatch(/^(fu|bu)-\d\d$/);
    for (const agent of agents.agents) expect(JSON.stringify(all)).not.toContain(agent.machine.hostname);

    expect((await audit({ host: a })).map((e) => e.id)).toEqual([all[1]!.id, done[0]]);
  });

  it('is for ADMINs only and refuses a bad host or cursor', async () => {
    for (const role of ['OPERATOR', 'VIEWER'] as const) {
      const r = await h.exec(AUDIT, {}, role);
      expect(r.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    for (const vars of [{ host: 'dqmfu-c2b03-45-01' }, { after: 'garbage' }, { first: 0 }]) {
      const r = await h.exec(AUDIT, vars, 'ADMIN');
      expect(r.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });
});
