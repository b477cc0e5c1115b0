// AuditTrail, the one writer of the hub's audit log, on the real Postgres: an entry written inside an
// action's transaction is stored with it or not at all; the request id is the caller's, else the one
// the async context holds, else none; an over-long target is cut, never refused after the action.
import { randomUUID } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createTestDatabase, type TestDatabase } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../src/audit-trail.js';
import { createDb, type Db } from '../src/client.js';

let database: TestDatabase;
let db: Db;
const context = new AsyncLocalStorage<string>();
let trail: AuditTrail;
const actorId = randomUUID();

beforeAll(async () => {
  database = await createTestDatabase('db-audit-trail');
  db = createDb(database.url);
  trail = new AuditTrail(db, () => context.getStore());
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const kinds = async (kind: string) =>
  db.auditEntry.findMany({
    where: { kind },
    select: { actorId: true, target: true, detail: true, requestId: true },
  });

describe('AuditTrail', () => {
  it('stores an entry with the action that commits, and neither when the action rolls back', async () => {
    await db.$transaction(async (tx) => {
      await tx.user.create({ data: { username: 'kept', passwordHash: 'x', roles: ['VIEWER'] } });
      await trail.record({ actorId, kind: 'test.kept', target: 'user/kept', detail: { n: 1 } }, tx);
    });
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { username: 'lost', passwordHash: 'x', roles: ['VIEWER'] } });
        await trail.record({ actorId, kind: 'test.lost', target: 'user/lost' }, tx);
        throw new Error('the action failed after its entry was written');
      }),
    ).rejects.toThrow('the action failed');
    expect(await kinds('test.kept')).toEqual([
      { actorId, target: 'user/kept', detail: { n: 1 }, requestId: null },
    ]);
    expect(await kinds('test.lost')).toEqual([]);
    expect(await db.user.count({ where: { username: 'lost' } })).toBe(0);
  });

  it("takes the caller's request id, else the async context's; cuts a target to 500 characters", async () => {
    await context.run('from-context', async () => {
      await trail.record({ actorId: null, kind: 'test.request', target: 't/1' });
      await trail.record({ actorId: null, kind: 'test.request', target: 't/2', requestId: 'given' });
    });
    await trail.record({ actorId: null, kind: 'test.request', target: 'x'.repeat(600) });
    const rows = await kinds('test.request');
    expect(rows.map((r) => [r.target!.length, r.requestId, r.detail])).toEqual([
      [3, 'from-context', {}],
      [3, 'given', {}],
      [500, null, {}],
    ]);
  });
});
