import { createLogger } from '@opshub/config';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { MissingProcessorError, ProcessorRegistry } from './processor-registry.js';
import { WorkerPool } from './worker-pool.js';

const done = async (): Promise<unknown> => ({});

function pool(registry: ProcessorRegistry): WorkerPool {
  // The check runs before any worker connects: a connection is never used.
  return new WorkerPool({
    registry,
    connection: {} as Redis,
    redisPrefix: 'unused',
    log: createLogger('test', 'silent'),
    recordFailure: async () => undefined,
  });
}

describe('workers refuse to start with a missing processor', () => {
  it('names each job of a served queue that has no processor, and its queue', async () => {
    const registry = new ProcessorRegistry().register('retention', done).register('prune-sessions', done);
    expect(registry.missing()).toEqual([{ job: 'outbox-relay', queue: 'maintenance' }]);
    const refused = await pool(registry)
      .start()
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MissingProcessorError);
    expect((refused as Error).message).toContain('job "outbox-relay" (queue maintenance)');
  });

  it('asks nothing of queues the process does not serve', () => {
    const registry = new ProcessorRegistry()
      .register('retention', done)
      .register('prune-sessions', done)
      .register('outbox-relay', done)
      .register('assign-recipe', done);
    expect(registry.missing()).toEqual([]);
  });
});
