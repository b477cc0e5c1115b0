import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/** A Redis key prefix / MQTT topic root of its own for one test. */
export function uniquePrefix(label = 't'): string {
  return `opshub-test:${label}:${randomBytes(5).toString('hex')}`;
}

/** A port the OS says is free now (for processes that cannot take port 0 themselves). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export function testRedisUrl(): string {
  return process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
}

export function testMqttUrl(): string {
  return process.env['TEST_MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
}
