// Fault: every Postgres connection of the hub is killed (pg_terminate_backend), twice, while clients
// keep creating OUSs through the gateway. A mutation caught by a kill fails at once with the retryable
// SERVICE_UNAVAILABLE (no hang, no crashed process, no driver message), the next ones succeed again on
// fresh connections, and nothing is half written: every OUS has its first history row and its outbox
// row, or does not exist.
//
// Second test: more in-flight transactions killed than the pool (createDb, max 10) holds. Prisma's pg
// adapter (6.19.3) used to keep the connection of a transaction whose ROLLBACK failed, and the pool
// had no connection timeout: after 10 such kills every transaction and `$disconnect()` hung. createDb
// now releases (destroys) that connection and fails a wait for a free one after 5 s.
import { adminUrl } from '@opshub/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../hub.js';
import { gql, percentile, report, waitFor } from './faults-helpers.js';

const CLIENTS = 3;
const KILLS = 2;
const KILL_EVERY_MS = 500;
const PROGRAM = '2026.1.00099.S';
const CREATE = 'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id state } }';

interface Outcome {
  id: string;
  startedAt: number;
  endedAt: number;
  ok: boolean;
  code?: string;
}

let hub: Hub;
let admin: pg.Client;

beforeAll(async () => {
  hub = await startHub({ label: 'e2e-pg-kill' });
  admin = new pg.Client({ connectionString: hub.databaseUrl });
  await admin.connect();
}, 120_000);

afterAll(async () => {
  await admin?.end();
  // Should the pool get stuck again, `stop()` would hang in `db.$disconnect()`: give it 5 s, then drop
  // the database from here (the second test has failed by then).
  const stopped = hub?.stop().then(() => true);
  const timedOut = new Promise<false>((r) => setTimeout(() => r(false), 5_000).unref());
  if (hub && !(await Promise.race([stopped, timedOut]))) {
    const a = new pg.Client({ connectionString: adminUrl() });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${new URL(hub.databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    await a.end();
  }
}, 30_000);

/**
 * Terminates every other connection to the hub's database (`active`: only those running a statement);
 * returns how many.
 */
async function killConnections(only?: 'active'): Promise<number> {
  const { rows } = await admin.query<{ killed: boolean }>(
    `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid()${only ? ` AND state = 'active'` : ''}`,
  );
  return rows.filter((r) => r.killed).length;
}

describe('Postgres connections killed under load', () => {
  it('fails the caught mutations with a coded error, then succeeds again, with no partial write', async () => {
    const token = await hub.token('admin');
    const outcomes: Outcome[] = [];
    let stop = false;
    let seq = 0;
    const client = async (c: number) => {
      while (!stop) {
        const id = `uid://P${c}/P${c}/P${seq++}`;
        const startedAt = Date.now();
        // A hang shows up as a thrown timeout here and fails the test.
        const r = await gql(hub.graphqlUrl, token, CREATE, { p: PROGRAM, id }, 10_000);
        const code = r.errors?.[0]?.extensions?.['code'] as string | undefined;
        outcomes.push({
          id,
          startedAt,
          endedAt: Date.now(),
          ok: !r.errors && !!r.data,
          ...(code ? { code } : {}),
        });
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));

    await waitFor(() => outcomes.filter((o) => o.ok).length >= 20, 'the load to run');
    const kills: { at: number; killed: number }[] = [];
    for (let k = 0; k < KILLS; k++) {
      kills.push({ at: Date.now(), killed: await killConnections() });
      await new Promise((r) => setTimeout(r, KILL_EVERY_MS));
    }
    const lastKill = kills.at(-1)!.at;
    // Recovered: a mutation started after the last kill succeeded; then a little more load.
    const firstOkAfter = await waitFor(
      () => outcomes.find((o) => o.ok && o.startedAt >= lastKill),
      'a mutation to succeed after the last kill',
      10_000,
    );
    await waitFor(
      () => outcomes.filter((o) => o.ok && o.startedAt >= lastKill).length >= 20,
      '20 mutations after the last kill',
      10_000,
    );
    stop = true;
    await load;

    const failed = outcomes.filter((o) => !o.ok);
    const codes: Record<string, number> = {};
    for (const o of failed) codes[o.code ?? 'none'] = (codes[o.code ?? 'none'] ?? 0) + 1;
    // Every failure is answered, never a hang (the client's 10 s deadline would throw), and says
    // "retry": the database connection dropped, nothing was half written.
    expect(failed.filter((o) => o.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    const failedMs = failed.map((o) => o.endedAt - o.startedAt);

    // No partial write: each OUS has exactly its creation row in the history and one outbox row, and
    // neither exists without the OUS.
    const { rows: broken } = await admin.query<{ id: string; transitions: number; outbox: number }>(`
      WITH ids AS (
        SELECT id FROM workflow.obs_unit_set WHERE program_id = '${PROGRAM}'
        UNION SELECT ous_id FROM workflow.ous_transition
        UNION SELECT payload->'ous'->>'id' FROM workflow.outbox
      )
      SELECT ids.id,
        (SELECT count(*)::int FROM workflow.ous_transition t WHERE t.ous_id = ids.id) AS transitions,
        (SELECT count(*)::int FROM workflow.outbox o WHERE o.payload->'ous'->>'id' = ids.id) AS outbox,
        EXISTS (SELECT 1 FROM workflow.obs_unit_set s WHERE s.id = ids.id) AS present
      FROM ids`);
    const partial = broken.filter(
      (r) => !(r as unknown as { present: boolean }).present || r.transitions !== 1 || r.outbox !== 1,
    );
    expect(partial).toEqual([]);
    const stored = new Set(broken.map((r) => r.id));
    // Every acknowledged OUS is there; a failed one may or may not be (the kill may come after the commit).
    expect(outcomes.filter((o) => o.ok && !stored.has(o.id))).toEqual([]);
    const failedButCommitted = failed.filter((o) => stored.has(o.id)).length;

    report('postgres-kill', {
      clients: CLIENTS,
      kills: kills.map((k) => k.killed),
      mutations: outcomes.length,
      ok: outcomes.length - failed.length,
      failed: failed.length,
      failedButCommitted,
      codes,
      failedLatencyMs: { p50: percentile(failedMs, 50), max: percentile(failedMs, 100) },
      recoveryMs: firstOkAfter.endedAt - lastKill,
      okLatencyMs: {
        p50: percentile(
          outcomes.filter((o) => o.ok).map((o) => o.endedAt - o.startedAt),
          50,
        ),
        p99: percentile(
          outcomes.filter((o) => o.ok).map((o) => o.endedAt - o.startedAt),
          99,
        ),
      },
      partialWrites: partial.length,
    });
    expect(failed.length).toBeGreaterThan(0);
  }, 60_000);

  it('keeps serving after more in-flight transactions were killed than its pool holds', async () => {
    const token = await hub.token('admin');
    let killedInFlight = 0;
    let hung = 0;
    const codes: Record<string, number> = {};
    let stop = false;
    let seq = 0;
    const client = async (c: number) => {
      while (!stop) {
        const r = await gql(
          hub.graphqlUrl,
          token,
          CREATE,
          { p: PROGRAM, id: `uid://Q${c}/Q${c}/Q${seq++}` },
          3_000,
        ).catch(() => undefined);
        if (r?.errors) {
          killedInFlight++;
          const code = String(r.errors[0]?.extensions?.['code']);
          codes[code] = (codes[code] ?? 0) + 1;
        }
        if (!r) return void hung++; // no answer in 3 s: the pool is exhausted
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, (_, c) => client(c)));
    const deadline = Date.now() + 20_000;
    // Statements in flight, more of them than the pool holds; every fourth round the idle connections
    // too (a killed connection nobody listened to was an uncaught exception, failing the whole file).
    for (let round = 1; killedInFlight < 12 && hung < 6 && Date.now() < deadline; round++) {
      await killConnections(round % 4 === 0 ? undefined : 'active');
      await new Promise((r) => setTimeout(r, 150));
    }
    stop = true;
    await load;
    expect(hung).toBe(0);
    expect(killedInFlight).toBeGreaterThanOrEqual(12);
    expect(Object.keys(codes)).toEqual(['SERVICE_UNAVAILABLE']);
    // Each mutation must still be answered within 3 s.
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await gql(hub.graphqlUrl, token, CREATE, { p: PROGRAM, id: `uid://R1/R1/R${i}` }, 3_000);
      expect(r.errors).toBeUndefined();
      answers.push(r.ms);
    }
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    report('postgres-kill-pool', {
      killedInFlight,
      hung,
      codes,
      answersMs: answers,
      connections: rows[0]!.n,
    });
  }, 60_000);
});
