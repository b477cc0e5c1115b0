import { describe, expect, it } from 'vitest';
import { composeSupergraph, CompositionError } from './composition.js';
import { diffSummary } from './text-diff.js';

const link =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

describe('composeSupergraph', () => {
  it('composes subgraphs into a supergraph and the API schema clients see', () => {
    const { supergraphSdl, apiSchemaSdl } = composeSupergraph([
      {
        name: 'b',
        url: 'http://127.0.0.1:2/graphql',
        sdl: `${link}\ntype Query { b: Thing }\ntype Thing @key(fields: "id") { id: ID! size: Int }`,
      },
      {
        name: 'a',
        url: 'http://127.0.0.1:1/graphql',
        sdl: `${link}\ntype Query { a: Thing }\ntype Thing @key(fields: "id") { id: ID! name: String }`,
      },
    ]);
    expect(supergraphSdl).toContain('A @join__graph(name: "a", url: "http://127.0.0.1:1/graphql")');
    expect(apiSchemaSdl).toContain('type Thing {\n  id: ID!\n  name: String\n  size: Int\n}');
    expect(apiSchemaSdl).not.toContain('join__');
  });

  it('reports every composition error, not only the first', () => {
    const compose = () =>
      composeSupergraph([
        { name: 'a', url: 'http://a/graphql', sdl: `${link}\ntype Query { x: Int y: String }` },
        { name: 'b', url: 'http://b/graphql', sdl: `${link}\ntype Query { x: String y: Int }` },
      ]);
    expect(compose).toThrow(CompositionError);
    try {
      compose();
    } catch (error) {
      expect((error as CompositionError).errors.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('diffSummary', () => {
  it('lists removed and added lines', () => {
    expect(diffSummary('a\nb\nc', 'a\nc\nd')).toBe('  1 line(s) removed, 1 added\n  - b\n  + d');
  });
});
