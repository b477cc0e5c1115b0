import { describe, expect, it } from 'vitest';
import { authorisationScope, InFlightFetches } from './fetch-dedup.js';
import type { SubgraphAnswer } from './subgraph-http.js';

const answer = (body: string): SubgraphAnswer => ({ status: 200, statusText: 'OK', headers: [], body });

/** A send whose answer the test decides when to give, counting how often it was called. */
function pendingSend() {
  let calls = 0;
  let settle!: { resolve: (a: SubgraphAnswer) => void; reject: (e: unknown) => void };
  const send = () => {
    calls++;
    return new Promise<SubgraphAnswer>((resolve, reject) => (settle = { resolve, reject }));
  };
  return { send, calls: () => calls, settle: () => settle };
}

describe('InFlightFetches', () => {
  it('sends one fetch for a key while it is in flight and gives its answer to every caller', async () => {
    const inFlight = new InFlightFetches();
    const upstream = pendingSend();
    const callers = [1, 2, 3].map(() => inFlight.fetch('k', upstream.send));
    upstream.settle().resolve(answer('{"data":1}'));
    expect((await Promise.all(callers)).map((a) => a.body)).toEqual([
      '{"data":1}',
      '{"data":1}',
      '{"data":1}',
    ]);
    expect(upstream.calls()).toBe(1);
    expect(inFlight.stats).toEqual({ sent: 1, joined: 2 });
    expect(inFlight.size).toBe(0);
  });

  it('sends again once the answer is in, and separately for another key', async () => {
    const inFlight = new InFlightFetches();
    const upstream = pendingSend();
    const first = inFlight.fetch('k', upstream.send);
    upstream.settle().resolve(answer('a'));
    await first;
    const again = inFlight.fetch('k', upstream.send);
    const other = inFlight.fetch('other', upstream.send);
    expect(upstream.calls()).toBe(3);
    upstream.settle().resolve(answer('b'));
    await other;
    expect(inFlight.size).toBe(1);
    void again;
  });

  it('fails every caller of a failed fetch, then forgets it', async () => {
    const inFlight = new InFlightFetches();
    const upstream = pendingSend();
    const a = inFlight.fetch('k', upstream.send);
    const b = inFlight.fetch('k', upstream.send);
    upstream.settle().reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    await expect(a).rejects.toThrow('ECONNREFUSED');
    await expect(b).rejects.toThrow('ECONNREFUSED');
    expect(inFlight.size).toBe(0);
  });

  it('lets a joiner whose own deadline passes stop waiting while the others still get the answer', async () => {
    const inFlight = new InFlightFetches();
    const upstream = pendingSend();
    const first = inFlight.fetch('k', upstream.send);
    const controller = new AbortController();
    const joiner = inFlight.fetch('k', upstream.send, controller.signal);
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    await expect(joiner).rejects.toThrow('deadline');
    upstream.settle().resolve(answer('late'));
    expect((await first).body).toBe('late');
  });
});

describe('authorisationScope', () => {
  const user = { id: 'u1', username: 'olga', roles: ['OPERATOR', 'VIEWER'] as never[] };
  it('is the same for the same caller whatever the order of the roles', () => {
    expect(authorisationScope(user, '10.0.0.1')).toBe(
      authorisationScope({ ...user, roles: ['VIEWER', 'OPERATOR'] as never[] }, '10.0.0.1'),
    );
  });
  it('differs by user, by roles, by client address and for an anonymous caller', () => {
    const base = authorisationScope(user, '10.0.0.1');
    expect(authorisationScope({ ...user, id: 'u2' }, '10.0.0.1')).not.toBe(base);
    expect(authorisationScope({ ...user, roles: ['OPERATOR'] as never[] }, '10.0.0.1')).not.toBe(base);
    expect(authorisationScope(user, '10.0.0.2')).not.toBe(base);
    expect(authorisationScope(undefined, '10.0.0.1')).not.toBe(base);
  });
});
