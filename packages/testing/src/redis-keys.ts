import { Redis } from 'ioredis';

/**
 * Removes every Redis key under `prefix` (a test's BullMQ queues, schedulers and streams), on the
 * given connection, or on one of its own to `redis` when that is a URL.
 */
export async function deleteKeys(redis: Redis | string, prefix: string): Promise<void> {
  const connection = typeof redis === 'string' ? new Redis(redis, { lazyConnect: true }) : redis;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await connection.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    if (typeof redis === 'string') await connection.quit();
  }
}
