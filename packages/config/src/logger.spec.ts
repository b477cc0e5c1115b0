import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubCredentials } from './logger.js';
import { productionSecretProblems, safeUrl, weakSecret } from './secrets.js';
import { loadEnv } from './env.js';

describe('logs never carry credentials', () => {
  it('scrubs passwords from URLs in fields, nested fields and messages', () => {
    expect(scrubCredentials({ url: 'mqtt://bridge:s3cr3tpass@broker:1883' })).toEqual({
      url: 'mqtt://bridge:[redacted]@broker:1883',
    });
    expect(scrubCredentials('failed postgresql://app:pw@db:5432/opshub')).toBe(
      'failed postgresql://app:[redacted]@db:5432/opshub',
    );
    expect(scrubCredentials({ a: { b: ['redis://:pw@redis:6379'] } })).toEqual({
      a: { b: ['redis://:[redacted]@redis:6379'] },
    });
  });

  it('a real logger line has neither the password nor the token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('t', 'info', sink);
    log.info(
      { password: 'hunter2hunter2', req: { authorization: 'Bearer abc' }, url: 'mqtt://u:pw@h' },
      'connecting to redis://:pw2@r:6379',
    );
    const text = lines.join('');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('Bearer abc');
    expect(text).not.toContain(':pw@');
    expect(text).not.toContain(':pw2@');
    expect(text).toContain('[redacted]');
  });
});

describe('production refuses placeholder and weak secrets', () => {
  const good = 'f3a9c2d17be04e6a8c5d9b1f2e7a4c60';
  it('names each problem', () => {
    expect(weakSecret('change-me-to-a-long-random-string-of-64-characters', 32)).toMatch(/placeholder/);
    expect(weakSecret('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 32)).toMatch(/predictable/);
    expect(weakSecret(good, 32)).toBeNull();
    expect(
      productionSecretProblems({ DATABASE_URL: 'postgresql://app:change-me-postgres@db/opshub' }),
    ).toEqual([expect.stringMatching(/^DATABASE_URL: the password in this URL is a placeholder/)]);
  });

  it('loadEnv accepts a placeholder in development and refuses it in production', () => {
    const env = { OPSHUB_SECRET: 'change-me-to-a-long-random-string-of-64-characters' };
    expect(loadEnv(['OPSHUB_SECRET'], env).OPSHUB_SECRET).toBe(env.OPSHUB_SECRET);
    expect(() => loadEnv(['OPSHUB_SECRET'], { ...env, NODE_ENV: 'production' })).toThrow(
      /OPSHUB_SECRET: is a placeholder/,
    );
    expect(loadEnv(['OPSHUB_SECRET'], { OPSHUB_SECRET: good, NODE_ENV: 'production' }).OPSHUB_SECRET).toBe(
      good,
    );
  });

  it('safeUrl keeps the host only', () => {
    expect(safeUrl('mqtt://bridge:pw@broker:8883')).toBe('mqtt://broker:8883');
  });
});
