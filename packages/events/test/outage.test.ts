// Subscriptions while Redis is down, on a private redis-server that the test stops and starts: the
// subscriber whose stream is lost, a resume (`after`) and a new subscription tried during the outage
// all end at once with the retryable SERVICE_UNAVAILABLE (service redis), not an uncoded error that
// the subgraph would mask as INTERNAL_SERVER_ERROR; once Redis is back, the resume gets what it missed.
import { ErrorCode } from '@opshub/errors';
import { startRedisServer, uniquePrefix, waitFor } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, type DomainEvent } from '../src/index.js';

const STREAM = 'workflow.ous-state-changed';
let redis: Awaited<ReturnType<typeof startRedisServer>>;
let bus: EventBus;

beforeAll(async () => {
  redis = await startRedisServer();
  bus = await EventBus.connect(redis.url, uniquePrefix('events-outage'));
});

afterAll(async () => {
  await bus?.close();
  await redis?.stop();
});

/** The error (with its code) `work` ends with, and how long it took. */
async function failure(
  work: () => Promise<unknown>,
): Promise<{ code: unknown; service: unknown; ms: number }> {
  const started = performance.now();
  try {
    await work();
  } catch (error) {
    const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
    return { code: extensions?.['code'], service: extensions?.['service'], ms: performance.now() - started };
  }
  throw new Error('expected a failure');
}

describe('EventBus subscriptions during a Redis outage', () => {
  it('ends the live subscriber and refuses resumes with SERVICE_UNAVAILABLE, then replays after the restart', async () => {
    const first = await bus.publish(STREAM, 'transition', { n: 1 });
    const live = await bus.subscribe(STREAM, { after: first });
    const seen: DomainEvent[] = [];
    const liveEnded = failure(async () => {
      for await (const e of live) seen.push(e);
    });
    await bus.publish(STREAM, 'transition', { n: 2 });
    await waitFor(() => seen.length === 1, 'the live event');

    await redis.stop();
    const ended = await liveEnded;
    expect({ code: ended.code, service: ended.service }).toEqual({
      code: ErrorCode.SERVICE_UNAVAILABLE,
      service: 'redis',
    });

    // Tried during the outage: refused at once, coded.
    const resume = await failure(async () => {
      const it = await bus.subscribe(STREAM, { after: first });
      await it.next();
    });
    expect(resume.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(resume.ms).toBeLessThan(1_000);
    const fresh = await failure(async () => {
      const it = await bus.subscribe(STREAM);
      await it.next();
    });
    expect(fresh.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(fresh.ms).toBeLessThan(1_000);

    await redis.start();
    await waitFor(
      () =>
        bus.publish(STREAM, 'transition', { n: 3 }).then(
          () => true,
          () => false,
        ),
      'Redis back',
    );
    const resumed = await bus.subscribe(STREAM, { after: seen[0]!.id });
    const next = await resumed.next();
    expect((next.value as DomainEvent).payload).toEqual({ n: 3 });
    await resumed.return?.();
  });
});
