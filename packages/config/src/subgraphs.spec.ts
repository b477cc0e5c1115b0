import { describe, expect, it } from 'vitest';
import { envSchema, loadEnv } from './env.js';
import { SUBGRAPHS } from './subgraphs.js';

describe('SUBGRAPHS', () => {
  it('gives each subgraph its own name, port, port setting and URL setting', () => {
    for (const field of ['name', 'portKey', 'urlKey', 'defaultPort', 'packageName'] as const)
      expect(new Set(SUBGRAPHS.map((s) => s[field])).size, field).toBe(SUBGRAPHS.length);
  });

  it("declares each subgraph's settings in the env schema, the port defaulting to the list's", () => {
    for (const s of SUBGRAPHS) {
      expect(s.urlKey in envSchema, s.urlKey).toBe(true);
      expect(loadEnv([s.portKey, s.urlKey], {})).toEqual({ [s.portKey]: s.defaultPort });
      expect(loadEnv([s.portKey], { [s.portKey]: '5001' })).toEqual({ [s.portKey]: 5001 });
    }
    expect(() => loadEnv(['DQM_SUBGRAPH_URL'], { DQM_SUBGRAPH_URL: 'not a url' })).toThrow(
      /DQM_SUBGRAPH_URL/,
    );
  });
});
