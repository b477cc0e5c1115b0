import { readFileSync } from 'node:fs';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkLimits, DEFAULT_LIMITS, type QueryLimits } from './limits.js';
import { CostModel } from './query-cost.js';
import { SubscriptionPlanner } from './subscriptions/planner.js';
import { COST_BOMB } from '../test/cost-bomb.js';

const supergraphSdl = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
const model = CostModel.fromSupergraph(supergraphSdl);
const limits: QueryLimits = { ...DEFAULT_LIMITS, costModel: model };

/** Every typed document the web app and the client package send (codegen output, drift-checked). */
async function appDocuments(): Promise<{ name: string; document: DocumentNode }[]> {
  const modules = [
    await import('../../web/src/gql/graphql.js'),
    await import('../../packages/client/src/gql/graphql.js'),
  ] as Record<string, unknown>[];
  return modules.flatMap((m) =>
    Object.entries(m)
      .filter(([name, v]) => name.endsWith('Document') && (v as DocumentNode | null)?.kind === Kind.DOCUMENT)
      .map(([name, v]) => ({ name, document: v as DocumentNode })),
  );
}

const operationOf = (d: DocumentNode): OperationDefinitionNode =>
  d.definitions.find((x): x is OperationDefinitionNode => x.kind === Kind.OPERATION_DEFINITION)!;

/** The variables the app sends, at their largest (other variables do not change the cost). */
const DAY = 24 * 3600;
const LARGEST_VARIABLES: Record<string, Record<string, unknown>> = {
  BoardColumn: { first: 50 },
  ObsUnitSets: { first: 500 },
  // The DCS chart's widest range (24 h) at the bucket width the web picks for it (bucketSecondsFor: 300 s).
  DeviceSeries: {
    from: new Date(Date.now() - DAY * 1000).toISOString(),
    to: new Date().toISOString(),
    bucketSeconds: 300,
  },
};

describe('query cost', () => {
  it("refuses the review's bomb (30 × obsUnitSets(first: 500) with nested lists and entity hops)", () => {
    const cost = model.cost(parse(COST_BOMB), {});
    expect(cost).toBeGreaterThan(1_000_000);
    const refused = checkLimits(parse(COST_BOMB), limits, {});
    expect(refused?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost, maxCost: 10_000 });
    // One alias of it is still far over: the lists multiply.
    const one = `{ obsUnitSets(first: 500) { edges { node { history { actor { username } } } } } }`;
    expect(model.cost(parse(one), {})).toBeGreaterThan(10_000);
  });

  it('accepts every query, mutation and subscription the web app and the client send', async () => {
    const documents = await appDocuments();
    expect(documents.length).toBeGreaterThanOrEqual(30);
    const costs: Record<string, number> = {};
    for (const { name, document } of documents) {
      const operation = operationOf(document);
      const opName = operation.name?.value ?? name;
      // Subscriptions are checked without their variables (as the WebSocket path does); HTTP with them.
      const variables =
        operation.operation === 'subscription' ? undefined : (LARGEST_VARIABLES[opName] ?? {});
      costs[opName] = model.cost(document, variables);
      expect(checkLimits(document, limits, variables), opName).toBeUndefined();
    }
    // The costliest the app sends stay well inside the budget.
    expect(Math.max(...Object.values(costs))).toBeLessThanOrEqual(5_000);
    // The board's counts are one grouped query now, not one per state.
    expect(costs['BoardCounts']).toBeLessThan(20);
    expect(costs['OusCounts']).toBeLessThan(20);
  });

  it('weighs page sizes, totalCount and hops into another subgraph', () => {
    const page = (first: number) =>
      model.cost(parse(`{ obsUnitSets(first: ${first}) { edges { node { id } } } }`), {});
    expect(page(100)).toBe(1 + 100 + 100);
    expect(page(500)).toBe(1 + 500 + 500);
    // first omitted: the subgraphs' default page (50); given by an unknown variable: the maximum (500).
    const byVariable = parse('query ($n: Int) { obsUnitSets(first: $n) { edges { node { id } } } }');
    expect(model.cost(byVariable, {})).toBe(page(50));
    expect(model.cost(byVariable, { n: 10 })).toBe(page(10));
    expect(model.cost(byVariable, undefined)).toBe(page(500));
    expect(model.cost(parse('{ obsUnitSets(first: 1) { totalCount } }'), {})).toBe(1 + 10);
    // A transition's actor is a User resolved by ops: an entity hop per transition.
    const sameSubgraph = model.cost(parse('{ obsUnitSet(id: "x") { history { reason } } }'), {});
    const withHop = model.cost(parse('{ obsUnitSet(id: "x") { history { actor { username } } } }'), {});
    expect(withHop - sameSubgraph).toBe(20 * 1 + 20 * 5);
    // The actor's id is known to workflow itself: no hop.
    expect(model.cost(parse('{ obsUnitSet(id: "x") { history { actor { id } } } }'), {})).toBe(
      sameSubgraph + 20,
    );
  });

  it('applies to subscriptions on the WebSocket path (the planner checks the same limits)', () => {
    const planner = new SubscriptionPlanner(supergraphSdl);
    const year = `from: "2025-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z"`;
    const refused = planner.prepare(
      {
        query: `subscription { deviceStateChanged { id series(metric: "t", ${year}, bucketSeconds: 1) { avg } } }`,
      },
      limits,
    );
    expect(Array.isArray(refused)).toBe(true);
    expect((refused as readonly { extensions: Record<string, unknown> }[])[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      maxCost: 10_000,
    });
    const accepted = planner.prepare({ query: 'subscription { deviceStateChanged { id state } }' }, limits);
    expect(Array.isArray(accepted)).toBe(false);
  });
});
