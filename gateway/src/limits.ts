import { QueryTooComplexError } from '@opshub/errors';
import {
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { CostModel } from './query-cost.js';

/** How big an operation may be before the gateway refuses it, before any planning. */
export interface QueryLimits {
  /** Deepest nesting of fields (introspection fields excluded). */
  maxDepth: number;
  /** Aliased fields in the whole document (aliases multiply work for free). */
  maxAliases: number;
  /** Lexical tokens in the document; enforced while parsing, so a huge document costs little. */
  maxTokens: number;
  /**
   * Static cost of one operation (query-cost.ts: objects × list sizes, `totalCount`s, entity hops).
   * The web app's costliest query (the queue cards) is ≈1 000; a page of 500 OUSs with their
   * `totalCount` ≈1 000; a page of 50 with every transition's actor ≈7 000.
   */
  maxCost: number;
  /** The supergraph's cost model; without it (unit tests of the other limits) cost is not checked. */
  costModel?: CostModel;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 30, maxTokens: 2000, maxCost: 10_000 };

export function resolveLimits(partial?: Partial<QueryLimits>): QueryLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}

/** QUERY_TOO_COMPLEX with the computed cost and the budget, so a client can see how far off it is. */
export class QueryCostError extends QueryTooComplexError {
  constructor(
    readonly cost: number,
    readonly maxCost: number,
  ) {
    super(
      `Query too complex: it costs ${cost}, at most ${maxCost} allowed (ask for fewer items with first:, or split it)`,
    );
    Object.assign(this.extensions, { cost, maxCost });
  }
}

// graphql-js 16 spells it "more that"; accept both so a fix upstream does not break us.
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] (\d+) tokens/;

/** The limit named in graphql-js's own "too many tokens" syntax error, or undefined for other errors. */
export function tokenLimitOf(error: { message: string }): number | undefined {
  const match = TOKEN_LIMIT_MESSAGE.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

export function tokenLimitError(maxTokens: number): QueryTooComplexError {
  return new QueryTooComplexError(`Query too complex: more than ${maxTokens} tokens`);
}

/** Parses with the token limit; other syntax errors are thrown as graphql-js reports them. */
export function parseWithLimits(source: string, limits: QueryLimits): DocumentNode {
  try {
    return parse(source, { maxTokens: limits.maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError && tokenLimitOf(error) !== undefined)
      throw tokenLimitError(limits.maxTokens);
    throw error;
  }
}

/**
 * Depth, alias and cost checks on a parsed (and validated: fragment cycles are already refused)
 * document. `variables` are the request's (HTTP); without them (a subscription checked before its
 * variables are coerced) a list size given by a variable counts as its maximum. Returns the error to
 * report, or undefined when the document is within the limits.
 */
export function checkLimits(
  document: DocumentNode,
  limits: QueryLimits,
  variables?: Record<string, unknown>,
): QueryTooComplexError | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const aliases = countAliases(document);
  if (aliases > limits.maxAliases) {
    return new QueryTooComplexError(
      `Query too complex: ${aliases} aliases, at most ${limits.maxAliases} allowed`,
    );
  }
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const depth = selectionDepth(d.selectionSet, fragments, new Set());
    if (depth > limits.maxDepth) {
      const name = d.name ? ` "${d.name.value}"` : '';
      return new QueryTooComplexError(
        `Query too complex: operation${name} is ${depth} levels deep, at most ${limits.maxDepth} allowed`,
      );
    }
  }
  if (limits.costModel) {
    const cost = limits.costModel.cost(document, variables);
    if (cost > limits.maxCost) return new QueryCostError(cost, limits.maxCost);
  }
  return undefined;
}

function countAliases(document: DocumentNode): number {
  let count = 0;
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD && s.alias) count++;
      if (s.kind !== Kind.FRAGMENT_SPREAD) visit(s.selectionSet);
    }
  };
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) visit(d.selectionSet);
  }
  return count;
}

/** Fields nest one level each; fragments and inline fragments add none. */
function selectionDepth(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  let deepest = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      // Introspection is bounded by the schema itself; IDEs send deep introspection queries.
      if (s.name.value.startsWith('__')) continue;
      deepest = Math.max(
        deepest,
        1 + (s.selectionSet ? selectionDepth(s.selectionSet, fragments, visiting) : 0),
      );
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(s.selectionSet, fragments, visiting));
    } else {
      const fragment = fragments.get(s.name.value);
      // Unknown or cyclic spreads are validation errors reported elsewhere; don't loop on them here.
      if (!fragment || visiting.has(s.name.value)) continue;
      visiting.add(s.name.value);
      deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, fragments, visiting));
      visiting.delete(s.name.value);
    }
  }
  return deepest;
}
