import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXPLORER_EXAMPLES, explorerTabs } from './explorer-examples';

// The gateway's API schema, as clients see it (generated and committed).
const schema = buildSchema(readFileSync(new URL('../../../gateway/schema.graphql', import.meta.url), 'utf8'));

describe('explorer examples', () => {
  it('are valid operations against the API schema', () => {
    for (const example of EXPLORER_EXAMPLES) {
      const errors = validate(schema, parse(example.query)).map((e) => e.message);
      expect(errors, example.title).toEqual([]);
    }
  });

  it('offer a query and a subscription for each domain', () => {
    for (const domain of ['workflow', 'dcs', 'dqm', 'alerts', 'ops']) {
      const mine = EXPLORER_EXAMPLES.filter((e) => e.domain === domain);
      expect(
        mine.some((e) => /^\s*(#.*\n)*query /m.test(e.query)),
        `${domain} query`,
      ).toBe(true);
      expect(
        mine.some((e) => e.query.trimStart().startsWith('subscription ')),
        `${domain} subscription`,
      ).toBe(true);
    }
  });

  it('become GraphiQL tabs with their variables as JSON', () => {
    const tabs = explorerTabs();
    expect(tabs).toHaveLength(EXPLORER_EXAMPLES.length);
    const cone = tabs.find((t) => t.query.includes('coneSearch'))!;
    expect(JSON.parse(cone.variables!)).toEqual({ ra: 150, dec: 2.2, radiusArcsec: 60 });
  });
});
