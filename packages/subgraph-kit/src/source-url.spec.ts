import { describe, expect, it } from 'vitest';
import { sourceUrl } from './source-url.js';

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: unknown }; message: string }).extensions?.code;
  }
  return undefined;
}

describe('sourceUrl', () => {
  it('keeps an http(s) URL and drops its fragment', () => {
    expect(sourceUrl(' http://dqm.example:4195/runs/#top ').href).toBe('http://dqm.example:4195/runs/');
  });

  it('refuses a port fetch() will not connect to, saying which and why', () => {
    expect(() => sourceUrl('http://localhost:4190/')).toThrow(/port 4190.*bad ports/);
    expect(codeOf(() => sourceUrl('http://localhost:6666/'))).toBe('BAD_USER_INPUT');
    // fetch() itself refuses it: the list is the real one, not a guess.
    return expect(fetch('http://127.0.0.1:4190/')).rejects.toMatchObject({ cause: { message: 'bad port' } });
  });

  it('refuses other schemes, credentials and (unless allowed) a query', () => {
    expect(codeOf(() => sourceUrl('ftp://x/'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => sourceUrl('not a url'))).toBe('BAD_USER_INPUT');
    expect(() => sourceUrl('http://u:p@x/')).toThrow(/credentials/);
    expect(() => sourceUrl('http://x/?a=1')).toThrow(/query/);
    expect(sourceUrl('http://x/?a=1', { allowQuery: true }).search).toBe('?a=1');
  });
});
