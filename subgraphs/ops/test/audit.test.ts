// The audit log as an admin reads it: filters by actor, kind, entity and time on the server, the live
// feed (auditEntryAdded) filtered on the server and fed by whoever writes the log, and the CSV export
// with its role checks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INTERNAL_HEADER, signInternal, type Principal } from '@opshub/auth';
import { TEST_SECRET, waitFor } from '@opshub/testing';
import express from 'express';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditExportRoute } from '../src/audit/audit-export.route.js';
import { Role } from '../src/index.js';
import { log, principal, startAuthHarness, type AuthHarness } from './auth-harness.js';

let h: AuthHarness;
let viewer: Principal;
let exportServer: Server;
let exportUrl: string;

interface EntryView {
  kind: string;
  target: string | null;
  actor: { username: string } | null;
}

beforeAll(async () => {
  h = await startAuthHarness('opsaudit');
  viewer = principal(
    await h.services.users.create({ username: 'vera', password: 'vera password 123', roles: [Role.VIEWER] }),
  );
  const app = express();
  auditExportRoute({ audit: h.services.audit, secret: TEST_SECRET, log })(app);
  exportServer = createServer(app);
  await new Promise<void>((resolve) => exportServer.listen(0, '127.0.0.1', resolve));
  exportUrl = `http://127.0.0.1:${(exportServer.address() as AddressInfo).port}/stream/audit/export.csv`;
});

afterAll(async () => {
  exportServer?.closeAllConnections();
  await new Promise((resolve) => exportServer?.close(resolve));
  await h?.close();
});

/** Writes an entry as another process would (the alerts subgraph writes the table directly), at a given time. */
async function entry(kind: string, target: string | null, actorId: string | null, at?: Date) {
  return h.db.auditEntry.create({ data: { kind, target, actorId, detail: {}, ...(at ? { at } : {}) } });
}

async function log_(args: string, as: Principal = h.admin) {
  return h.exec<{ auditLog: { totalCount: number; edges: { node: EntryView }[] } }>(
    as,
    `{ auditLog(${args}) { totalCount edges { node { kind target actor { username } } } } }`,
  );
}

const codeOf = (r: ExecutionResult) => r.errors?.[0]?.extensions?.['code'];

describe('auditLog filters', () => {
  beforeAll(async () => {
    await entry('queue.pause', 'workflow-recipe', h.admin.id, new Date('2026-01-01T10:00:00Z'));
    await entry('queue.job-retry', 'workflow-recipe/42', h.admin.id, new Date('2026-01-01T11:00:00Z'));
    await entry('queue.job-retry', 'workflow-recipe-2/1', h.admin.id, new Date('2026-01-01T12:00:00Z'));
    await entry('alerts.alert-source-add', 'alert-source/3', viewer.id, new Date('2026-01-02T09:00:00Z'));
  });

  it('filters by entity: the entity and what belongs to it, not a name it prefixes', async () => {
    const r = await log_('entity: "workflow-recipe"');
    expect(r.errors).toBeUndefined();
    expect(r.data!.auditLog.totalCount).toBe(2);
    expect(r.data!.auditLog.edges.map((e) => e.node.target)).toEqual([
      'workflow-recipe/42',
      'workflow-recipe',
    ]);
    expect((await log_('entity: "alert-source/"')).data!.auditLog.edges.map((e) => e.node.target)).toEqual([
      'alert-source/3',
    ]);
  });

  it('takes % and _ in kind and entity literally, as the live feed does', async () => {
    expect((await log_('entity: "workflow_recipe"')).data!.auditLog.totalCount).toBe(0);
    expect((await log_('entity: "%"')).data!.auditLog.totalCount).toBe(0);
    expect((await log_('kind: "queue_"')).data!.auditLog.totalCount).toBe(0);
    expect((await log_('kind: "%retry"')).data!.auditLog.totalCount).toBe(0);
  });

  it('filters by time range (since inclusive, until exclusive), with actor and kind', async () => {
    const r = await log_(
      'since: "2026-01-01T11:00:00Z", until: "2026-01-02T09:00:00Z", kind: "queue.", first: 10',
    );
    expect(r.data!.auditLog.edges.map((e) => e.node.target)).toEqual([
      'workflow-recipe-2/1',
      'workflow-recipe/42',
    ]);
    const byViewer = await log_(`actor: "${viewer.id}"`);
    expect(byViewer.data!.auditLog.edges.map((e) => e.node)).toEqual([
      { kind: 'alerts.alert-source-add', target: 'alert-source/3', actor: { username: 'vera' } },
    ]);
  });

  it('refuses bad filters with BAD_USER_INPUT', async () => {
    expect(codeOf(await log_('since: "2026-01-02T00:00:00Z", until: "2026-01-01T00:00:00Z"'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await log_('actor: "not-a-user-id"'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await log_('after: "WyJ4Il0"'))).toBe('BAD_USER_INPUT');
  });

  it('is refused to a viewer with FORBIDDEN', async () => {
    const r = await log_('first: 1', viewer);
    expect(r.data?.auditLog ?? null).toBeNull();
    expect(codeOf(r)).toBe('FORBIDDEN');
  });
});

async function live(variables: Record<string, unknown>, as: Principal = h.admin) {
  return subscribe({
    schema: h.schema,
    document: parse(
      `subscription ($kind: String, $entity: String, $actor: ID) {
        auditEntryAdded(kind: $kind, entity: $entity, actor: $actor) { kind target actor { username } } }`,
    ),
    variableValues: variables,
    contextValue: { user: as, requestId: 'audit-live', log },
  });
}

/** Collects what a subscription delivers, until the test returns it. */
function collect(stream: AsyncIterableIterator<ExecutionResult>) {
  const got: ExecutionResult[] = [];
  void (async () => {
    for await (const event of stream) got.push(event);
  })();
  return got;
}

describe('auditEntryAdded', () => {
  it('delivers new entries that match, from any writer, filtered on the server', async () => {
    const stream = await live({ kind: 'queue.', entity: 'maintenance' });
    if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream.errors));
    const got = collect(stream);
    await entry('queue.pause', 'workflow-recipe', h.admin.id);
    await entry('queue.pause', 'maintenance', h.admin.id);
    await h.services.audit.record({
      actorId: viewer.id,
      kind: 'queue.job-remove',
      target: 'maintenance/7',
      detail: {},
    });
    await entry('user.create', 'maintenance', h.admin.id);
    await waitFor(() => got.length >= 2, 'two matching entries');
    expect(got.map((e) => e.data!['auditEntryAdded'])).toEqual([
      { kind: 'queue.pause', target: 'maintenance', actor: { username: 'root' } },
      { kind: 'queue.job-remove', target: 'maintenance/7', actor: { username: 'vera' } },
    ]);
    await stream.return!();
  });

  it('delivers an entry whose insert commits after a later one (an id skipped, then filled)', async () => {
    const stream = await live({ kind: 'gap.' });
    if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream.errors));
    const got = collect(stream);
    let commit!: () => void;
    let inserted!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    const firstInserted = new Promise<void>((resolve) => (inserted = resolve));
    const slow = h.db.$transaction(
      async (tx) => {
        await tx.auditEntry.create({ data: { kind: 'gap.first', target: null, actorId: null, detail: {} } });
        inserted();
        await held;
      },
      { timeout: 20_000 },
    );
    // The held transaction has taken its id; this one takes the next and commits first.
    await firstInserted;
    await entry('gap.second', null, null);
    await waitFor(() => got.length >= 1, 'the later entry');
    commit();
    await slow;
    await waitFor(() => got.length >= 2, 'the earlier entry, once committed');
    expect(got.map((e) => (e.data!['auditEntryAdded'] as EntryView).kind)).toEqual([
      'gap.second',
      'gap.first',
    ]);
    await stream.return!();
  });

  it('is refused to a viewer with FORBIDDEN', async () => {
    const result = await live({}, viewer);
    expect(Symbol.asyncIterator in result).toBe(false);
    expect(codeOf(result as ExecutionResult)).toBe('FORBIDDEN');
  });
});

async function exportAs(user: Principal | undefined, query = '', signed = true) {
  const headers: Record<string, string> = signed
    ? {
        [INTERNAL_HEADER]: signInternal(TEST_SECRET, 'ops', {
          requestId: 'export',
          ...(user ? { user } : {}),
        }),
      }
    : {};
  return fetch(`${exportUrl}${query}`, { headers });
}

describe('CSV export', () => {
  it('streams the filtered log as CSV to an admin, newest first', async () => {
    const reply = await exportAs(h.admin, '?entity=workflow-recipe&until=2026-01-01T10:30:00Z');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="opshub-audit-.*\.csv"$/);
    const lines = (await reply.text()).split('\r\n');
    expect(lines[0]).toBe('id,at,actor,actorId,kind,target,detail,requestId');
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(1, 6))).toEqual([
      ['2026-01-01T10:00:00.000Z', 'root', h.admin.id, 'queue.pause', 'workflow-recipe'],
    ]);
    expect(lines.at(-1)).toBe('');
  });

  it('refuses a viewer (FORBIDDEN), an anonymous or unsigned call (UNAUTHENTICATED) and a bad filter', async () => {
    const forViewer = await exportAs(viewer);
    expect(forViewer.status).toBe(403);
    expect(await forViewer.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    const anonymous = await exportAs(undefined);
    expect(anonymous.status).toBe(401);
    expect((await exportAs(h.admin, '', false)).status).toBe(401);
    const bad = await exportAs(h.admin, '?since=yesterday');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });
});
