import { describe, expect, it } from 'vitest';
import { SubscribeExit } from './subscribe-exit.js';
import { SubscribeArgumentError, subscribeRequest, type RawSubscribeOptions } from './subscribe-options.js';

const RESUMABLE =
  'subscription ($after: String, $programId: String) { ousStateChanged(after: $after, programId: $programId) { eventId } }';
const PLAIN = 'subscription { jobProgress { id state } }';
const DEFAULTS = { OPSHUB_URL: 'http://localhost:4000' };

function refused(document: string, options: RawSubscribeOptions = {}, files: Record<string, string> = {}) {
  try {
    subscribeRequest(document, options, DEFAULTS, (p) => {
      if (p in files) return files[p]!;
      throw new Error(`ENOENT: no such file, open '${p}'`);
    });
  } catch (e) {
    if (e instanceof SubscribeArgumentError) return { exitCode: e.exitCode, message: e.message };
    throw e;
  }
  throw new Error('expected the arguments to be refused');
}

describe('subscribe arguments', () => {
  it('takes the document, the variables and --after, and knows whether the stream resumes', () => {
    const request = subscribeRequest(
      RESUMABLE,
      { variables: '{"programId":"2019.1.01234.S"}', after: '1733-0', count: '3', timeout: '20' },
      DEFAULTS,
    );
    expect(request).toMatchObject({
      field: 'ousStateChanged',
      variables: { programId: '2019.1.01234.S', after: '1733-0' },
      resumable: true,
      url: 'http://localhost:4000/',
      count: 3,
      timeoutMs: 20_000,
      retries: 5,
      quiet: false,
    });
    expect(subscribeRequest(PLAIN, {}, DEFAULTS)).toMatchObject({ resumable: false, field: 'jobProgress' });
  });

  it('reads the document from @file, and the options win over OPSHUB_URL and OPSHUB_TOKEN', () => {
    const request = subscribeRequest(
      '@ous.graphql',
      { url: 'wss://hub.example.org/graphql', token: 'from-option' },
      { OPSHUB_URL: 'http://localhost:4000', OPSHUB_TOKEN: 'from-env' },
      () => RESUMABLE,
    );
    expect(request.url).toBe('https://hub.example.org/graphql');
    expect(request.token).toBe('from-option');
    expect(subscribeRequest(PLAIN, {}, { ...DEFAULTS, OPSHUB_TOKEN: 'from-env' }).token).toBe('from-env');
    expect(subscribeRequest(PLAIN, {}, DEFAULTS).token).toBeUndefined();
  });

  it('refuses bad options with the usage code (2)', () => {
    for (const [options, message] of [
      [{ variables: '{deviceId: julabo}' }, /--variables is not JSON/],
      [{ variables: '[1]' }, /must be a JSON object/],
      [{ count: '0' }, /--count must be a whole number ≥ 1/],
      [{ count: '2.5' }, /--count/],
      [{ timeout: 'soon' }, /--timeout/],
      [{ retries: '-1' }, /--retries/],
      [{ url: 'localhost:4000' }, /--url must be http\(s\):\/\/ or ws\(s\):\/\//],
      [{ url: 'not a url' }, /--url must be the hub's address/],
      [{ after: ' ' }, /--after needs an eventId/],
    ] as const) {
      expect(refused(RESUMABLE, options)).toEqual({
        exitCode: SubscribeExit.USAGE,
        message: expect.stringMatching(message),
      });
    }
    expect(refused(PLAIN, { after: '1-0' })).toMatchObject({
      exitCode: SubscribeExit.USAGE,
      message: expect.stringContaining('declares $after'),
    });
    expect(refused('@missing.graphql')).toMatchObject({
      exitCode: SubscribeExit.USAGE,
      message: expect.stringContaining('cannot read the document missing.graphql'),
    });
  });

  it('refuses a document that is not one subscription with the GraphQL code (4)', () => {
    for (const [document, message] of [
      ['subscription { ousStateChanged { eventId }', /not GraphQL \(line 1\)/],
      ['{ me { id } }', /is a query, not a subscription/],
      ['mutation { logout }', /is a mutation/],
      ['subscription A { a } subscription B { b }', /one operation, not 2/],
      ['fragment F on Query { me { id } }', /one operation, not 0/],
      ['subscription { a b }', /exactly one root field/],
    ] as const) {
      expect(refused(document)).toEqual({
        exitCode: SubscribeExit.GRAPHQL,
        message: expect.stringMatching(message),
      });
    }
  });
});
