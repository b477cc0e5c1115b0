import { describe, expect, it } from 'vitest';
import { AgentStore } from './agent-store.js';
import { DqmMachine } from './dqm-machine.js';
import { answerSyncMessages } from './sync-protocol.js';

const parse = (out: string[]) => out.map((m) => JSON.parse(m) as Record<string, unknown>);

describe('the agent store and its sync protocol', () => {
  it('rewrites an updated document under a new rev and drops its old one', () => {
    const store = new AgentStore();
    store.put({ _id: 'a', run: 1 }, { _id: 'b', run: 1 });
    store.put({ _id: 'a', run: 2 });
    expect(store.headersAfter().map((h) => [h._id, h._rev])).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
    expect(store.get('a')).toMatchObject({ _id: 'a', _rev: 3, run: 2 });
  });

  it('answers sync_request{known_rev: N} with the headers of rev ≥ N in chunks of 1000', () => {
    const store = new AgentStore();
    store.put(...Array.from({ length: 2500 }, (_, i) => ({ _id: `doc-${i}`, type: 't' })));
    const all = parse(
      answerSyncMessages(store, [JSON.stringify({ event: 'sync_request', known_rev: null })]),
    );
    expect(all.map((m) => [m.rev, m.total_sent, m.total_avail, m.sync_to_rev])).toEqual([
      [[1, 1000], 1000, 2500, 2500],
      [[1001, 2000], 2000, 2500, 2500],
      [[2001, 2500], 2500, 2500, 2500],
    ]);
    // In sync: the last known header comes back, so the mirror knows it is in sync.
    const inSync = parse(
      answerSyncMessages(store, [JSON.stringify({ event: 'sync_request', known_rev: 2500 })]),
    );
    expect(inSync).toHaveLength(1);
    expect(inSync[0]!.headers).toEqual([expect.objectContaining({ _id: 'doc-2499', _rev: 2500 })]);
  });

  it('answers request_documents with the bodies, unknown ids skipped', () => {
    const store = new AgentStore();
    store.put({ _id: 'x', hostname: 'h', exit_code: 0 });
    const [reply] = parse(
      answerSyncMessages(store, [JSON.stringify({ event: 'request_documents', ids: ['x', 'nope'] })]),
    );
    expect(reply).toEqual({
      event: 'update_documents',
      documents: [expect.objectContaining({ _id: 'x', _rev: 1, hostname: 'h', exit_code: 0 })],
    });
  });

  it('a FU machine writes job documents that progress, finish, crash or stall', () => {
    const fu = new DqmMachine({
      hostname: 'dqmfu-x',
      role: 'FU',
      cluster: 'production',
      firstRun: 10,
      seed: 1,
    });
    for (let t = 0; t < 14; t++) fu.step(1_000 + t * 23);
    const jobs = fu.store.documents(fu.store.headersAfter().map((h) => h._id));
    const run10 = jobs.filter((d) => d.run === 10);
    expect(run10).toHaveLength(fu.activeClients.size);
    expect(run10.every((d) => String(d._id).startsWith('dqm-source-state-run10-hostdqmfu-x-pid'))).toBe(true);
    expect(run10.some((d) => d.exit_code === 0)).toBe(true);
    expect(jobs.some((d) => d.run === 11 && d.exit_code === undefined)).toBe(true);
  });
});
