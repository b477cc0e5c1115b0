import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkLimits, DEFAULT_LIMITS, parseWithLimits, tokenLimitOf } from './limits.js';

const limits = { maxDepth: 3, maxAliases: 2, maxTokens: 20, maxCost: 1000 };

describe('query limits', () => {
  it('defaults to depth 12, 30 aliases, 2000 tokens and a cost of 10 000', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxDepth: 12, maxAliases: 30, maxTokens: 2000, maxCost: 10_000 });
  });

  it('counts depth through fields, inline fragments and named fragments', () => {
    expect(checkLimits(parse('{ a { b { c } } }'), limits)).toBeUndefined();
    const deep = checkLimits(parse('{ a { b { c { d } } } }'), limits);
    expect(deep?.extensions['code']).toBe('QUERY_TOO_COMPLEX');
    expect(deep?.message).toBe('Query too complex: operation is 4 levels deep, at most 3 allowed');
    const viaFragment = checkLimits(
      parse('query Q { a { ...F } } fragment F on A { b { ... on B { c { d } } } }'),
      limits,
    );
    expect(viaFragment?.message).toBe('Query too complex: operation "Q" is 4 levels deep, at most 3 allowed');
  });

  it('ignores introspection fields for depth (IDEs send deep introspection queries)', () => {
    expect(
      checkLimits(parse('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }'), limits),
    ).toBeUndefined();
  });

  it('does not loop on a fragment cycle (validation reports it)', () => {
    expect(checkLimits(parse('{ a { ...F } } fragment F on A { b { ...F } }'), limits)).toBeUndefined();
  });

  it('counts aliases across the document, fragments included', () => {
    expect(checkLimits(parse('{ x: a y: a }'), limits)).toBeUndefined();
    const many = checkLimits(parse('{ x: a ...F } fragment F on Q { y: a z: a }'), limits);
    expect(many?.message).toBe('Query too complex: 3 aliases, at most 2 allowed');
  });

  it('stops parsing at the token limit with QUERY_TOO_COMPLEX', () => {
    expect(() => parseWithLimits('{ a b c }', limits)).not.toThrow();
    expect(() => parseWithLimits(`{ ${'a '.repeat(30)} }`, limits)).toThrow(
      expect.objectContaining({
        message: 'Query too complex: more than 20 tokens',
        extensions: { code: 'QUERY_TOO_COMPLEX' },
      }),
    );
    expect(() => parseWithLimits('{ a ', limits)).toThrow(/Syntax Error/);
  });

  it("recognises graphql-js's token limit message", () => {
    let message = '';
    try {
      parse(`{ ${'a '.repeat(30)} }`, { maxTokens: 5 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(tokenLimitOf({ message })).toBe(5);
    expect(tokenLimitOf({ message: 'Syntax Error: Expected Name' })).toBeUndefined();
  });
});
