import { describe, expect, it, vi } from 'vitest';
import type { AuditRepository, AuditRow } from './audit.repository.js';
import { AuditTail } from './audit.tail.js';

const row = (id: number): AuditRow => ({
  id: BigInt(id),
  at: new Date(),
  actorId: null,
  kind: 'test.entry',
  target: null,
  detail: {},
  requestId: null,
});

/** A log whose reads answer from a script, one answer per round; the asked skipped ids are kept. */
function scriptedLog(rounds: (AuditRow[] | Error)[]) {
  const asked: bigint[][] = [];
  const repo = {
    lastId: async () => 0n,
    since: async (_after: bigint, missing: readonly bigint[]) => {
      asked.push([...missing]);
      const next = rounds.shift() ?? [];
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as AuditRepository;
  return { repo, asked };
}

describe('AuditTail', () => {
  it('reads an id skipped over again until it lands, and delivers it then', async () => {
    const { repo, asked } = scriptedLog([[row(2)], [], [row(1), row(3)]]);
    const tail = new AuditTail(repo, { intervalMs: 1 });
    const got: bigint[] = [];
    const remove = await tail.listen({ entry: (r) => got.push(r.id), failed: () => undefined });
    await vi.waitFor(() => expect(got).toEqual([2n, 1n, 3n]));
    expect(asked[1]).toEqual([1n]);
    remove();
  });

  it('tells its listeners and drops them once the log stays unreadable, and starts again for the next', async () => {
    const down = new Error('database down');
    const { repo } = scriptedLog([down, down, down]);
    const tail = new AuditTail(repo, { intervalMs: 1, failuresAllowed: 3 });
    const failed = vi.fn();
    await tail.listen({ entry: () => undefined, failed });
    await vi.waitFor(() => expect(failed).toHaveBeenCalledWith(down));
    expect(failed).toHaveBeenCalledTimes(1);

    const got: bigint[] = [];
    (repo as unknown as { since: () => Promise<AuditRow[]> }).since = async () =>
      got.length ? [] : [row(5)];
    const remove = await tail.listen({ entry: (r) => got.push(r.id), failed });
    await vi.waitFor(() => expect(got).toEqual([5n]));
    remove();
  });
});
