import { pbkdf2 } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  deriveInternalKey,
  InternalSignatureError,
  InternalVerifier,
  signInternal,
  verifyInternal,
} from './internal-token.js';

const SECRET = 'spec-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const alice = { id: 'u-1', username: 'alice', roles: ['ADMIN' as const] };

const problemOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof InternalSignatureError ? error.problem : (error as Error).message;
  }
};

describe('internal signature', () => {
  it('carries the user, the request id and the client address to the subgraph it was made for', () => {
    const header = signInternal(SECRET, 'ops', { user: alice, requestId: 'r-1', clientAddress: '10.1.2.3' });
    expect(verifyInternal(SECRET, 'ops', header)).toEqual({
      user: alice,
      requestId: 'r-1',
      clientAddress: '10.1.2.3',
    });
    expect(verifyInternal(SECRET, 'ops', signInternal(SECRET, 'ops', { requestId: 'r-2' }))).toEqual({
      requestId: 'r-2',
    });
  });

  it('is bound to its audience: a header minted for workflow is refused by ops', () => {
    const forWorkflow = signInternal(SECRET, 'workflow', { user: alice, requestId: 'r-1' });
    const ops = new InternalVerifier({ secret: SECRET, audience: 'ops' });
    expect(problemOf(() => ops.verify(forWorkflow))).toBe('bad-signature');
    // With each subgraph holding only its own derived key, the workflow key cannot sign for ops at all.
    const workflowKey = deriveInternalKey(SECRET, 'workflow');
    expect(problemOf(() => signInternal(workflowKey, 'ops', { requestId: 'r' }))).toMatch(
      /for subgraph "workflow"/,
    );
    const opsWithOwnKey = new InternalVerifier({ secret: deriveInternalKey(SECRET, 'ops'), audience: 'ops' });
    expect(
      problemOf(() => opsWithOwnKey.verify(signInternal(workflowKey, 'workflow', { requestId: 'r' }))),
    ).toBe('bad-signature');
    // The gateway (the whole secret) and the subgraph (its derived key) agree.
    expect(opsWithOwnKey.verify(signInternal(SECRET, 'ops', { requestId: 'r-3' })).requestId).toBe('r-3');
  });

  it('is one-shot: the same header replayed is refused', () => {
    const ops = new InternalVerifier({ secret: SECRET, audience: 'ops' });
    const header = signInternal(SECRET, 'ops', { user: alice, requestId: 'r-1' });
    expect(ops.verify(header).user).toEqual(alice);
    expect(problemOf(() => ops.verify(header))).toBe('replayed');
    expect(ops.verify(signInternal(SECRET, 'ops', { user: alice, requestId: 'r-1' })).user).toEqual(alice);
  });

  it('lives at most 10 s, and the replay cache forgets what has expired', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const ops = new InternalVerifier({ secret: SECRET, audience: 'ops' });
      const header = signInternal(SECRET, 'ops', { requestId: 'r-1' });
      vi.setSystemTime(Date.now() + 9_000);
      expect(ops.verify(header).requestId).toBe('r-1');
      expect(ops.remembered).toBe(1);
      const late = signInternal(SECRET, 'ops', { requestId: 'r-2' });
      vi.setSystemTime(Date.now() + 13_000);
      expect(problemOf(() => ops.verify(late))).toBe('expired');
      ops.verify(signInternal(SECRET, 'ops', { requestId: 'r-3' }));
      expect(ops.remembered).toBe(1);
      expect(() => signInternal(SECRET, 'ops', { requestId: 'r' }, 60)).toThrow(RangeError);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses tampered, foreign and alg:none headers', () => {
    const header = signInternal(SECRET, 'ops', { user: { ...alice, roles: ['VIEWER'] }, requestId: 'r' });
    const [h, p, s] = header.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, rol: ['ADMIN'] })).toString('base64url');
    expect(problemOf(() => verifyInternal(SECRET, 'ops', `${h}.${forged}.${s}`))).toBe('bad-signature');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(problemOf(() => verifyInternal(SECRET, 'ops', `${none}.${p}.`))).toBe('malformed');
    const other = signInternal('another-secret-0123456789-abcdefghijklmnopq', 'ops', { requestId: 'r' });
    expect(problemOf(() => verifyInternal(SECRET, 'ops', other))).toBe('bad-signature');
    expect(problemOf(() => verifyInternal(SECRET, 'ops', 'x'.repeat(5000)))).toBe('malformed');
  });
});

/** Keeps the libuv pool (4 threads) busy the way argon2 does during a login flood, until stopped. */
function occupyThreadPool(concurrency: number): () => Promise<void> {
  let running = true;
  const chains = Array.from({ length: concurrency }, async () => {
    while (running) {
      await new Promise<void>((resolve, reject) =>
        pbkdf2('password', 'salt', 100_000, 64, 'sha512', (error) => (error ? reject(error) : resolve())),
      );
    }
  });
  return async () => {
    running = false;
    await Promise.all(chains);
  };
}

/** Median and worst time (ms) from asking for a verification to having its answer. */
async function verifyLatency(
  verify: () => unknown,
  samples: number,
): Promise<{ medianMs: number; maxMs: number }> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await verify();
    times.push(performance.now() - started);
    await new Promise((r) => setImmediate(r));
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, maxMs: times[times.length - 1]! };
}

describe('internal signature under password-hashing load', () => {
  it('verifies in well under a millisecond while 16 hash jobs keep the libuv pool busy', async () => {
    const ops = new InternalVerifier({ secret: SECRET, audience: 'ops' });
    const check = () => ops.verify(signInternal(SECRET, 'ops', { user: alice, requestId: 'r' }));
    const idle = await verifyLatency(check, 50);
    const stop = occupyThreadPool(16);
    try {
      const loaded = await verifyLatency(check, 50);
      console.info(
        `internal signature verify: idle median ${idle.medianMs.toFixed(3)} ms; ` +
          `pool busy median ${loaded.medianMs.toFixed(3)} ms, max ${loaded.maxMs.toFixed(3)} ms`,
      );
      // The old jose/WebCrypto verify waited behind the hash jobs: hundreds of ms to seconds here.
      expect(loaded.medianMs).toBeLessThan(5);
      expect(loaded.maxMs).toBeLessThan(100);
    } finally {
      await stop();
    }
  });
});
