import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import type { Logger } from '@opshub/config';
import { parse, validate, type OperationDefinitionNode } from 'graphql';

/** The store @apollo/gateway keeps query plans in (`queryPlannerConfig.cache`: a KeyValueCache). */
export interface PlanStore {
  get(key: string): Promise<QueryPlan | undefined>;
  set(key: string, value: QueryPlan): Promise<void>;
  delete(key: string): Promise<boolean | void>;
  /** @apollo/gateway clears the store when it loads a supergraph (at start): warm after that. */
  clear(): void;
}

/**
 * The gateway's query-plan store: least recently used out first, at most `maxEntries` plans
 * (a plan is a few KB; the default 2,000 is a few MB). Replaces @apollo/gateway's own store so the
 * plans made before listening are the ones requests find.
 */
export class QueryPlanStore implements PlanStore {
  private readonly plans = new Map<string, QueryPlan>();

  constructor(private readonly maxEntries = 2_000) {}

  get size(): number {
    return this.plans.size;
  }

  async get(key: string): Promise<QueryPlan | undefined> {
    const plan = this.plans.get(key);
    if (plan === undefined) return undefined;
    // Maps iterate in insertion order: re-inserting makes this the most recently used.
    this.plans.delete(key);
    this.plans.set(key, plan);
    return plan;
  }

  async set(key: string, plan: QueryPlan): Promise<void> {
    this.plans.delete(key);
    while (this.plans.size >= this.maxEntries) this.plans.delete(this.plans.keys().next().value as string);
    this.plans.set(key, plan);
  }

  async delete(key: string): Promise<boolean> {
    return this.plans.delete(key);
  }

  clear(): void {
    this.plans.clear();
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The keys @apollo/gateway looks a plan up by: Apollo Server's query hash (SHA-256 of the text as
 * sent), and, when the request names its operation (urql does, the client package does not),
 * SHA-256 of that hash followed by the name.
 */
export function planKeys(query: string, operationName: string | undefined): string[] {
  const queryHash = sha256(query);
  if (!operationName) return [queryHash];
  return [queryHash, createHash('sha256').update(queryHash).update(operationName).digest('hex')];
}

export interface WarmupReport {
  planned: number;
  /** Operations that no longer plan against this supergraph (stale list): logged and skipped. */
  skipped: { name: string; reason: string }[];
  ms: number;
}

/**
 * Makes the query plan of each operation, as @apollo/gateway would on its first request, and
 * stores it under the keys a request for it will look up: the web's and the client's first
 * requests after a start find their plan ready instead of planning while the user waits.
 */
export function warmQueryPlans(
  supergraphSdl: string,
  operations: readonly { name: string; query: string }[],
  store: PlanStore,
): WarmupReport {
  const started = performance.now();
  const supergraph = Supergraph.build(supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const validationSchema = apiSchema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const report: WarmupReport = { planned: 0, skipped: [], ms: 0 };
  for (const { name, query } of operations) {
    try {
      const document = parse(query);
      const errors = validate(validationSchema, document);
      if (errors.length > 0) throw errors[0];
      const definition = document.definitions.find(
        (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
      );
      const operationName = definition?.name?.value;
      const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, document, { operationName }));
      for (const key of planKeys(query, operationName)) void store.set(key, plan);
      report.planned++;
    } catch (error) {
      report.skipped.push({ name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

/** Reads a warm-operations file (`{ operations: [{ name, query }] }`, warm-operations.ts writes it). */
export async function readWarmOperations(file: URL | string): Promise<{ name: string; query: string }[]> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as { operations?: unknown };
  if (!Array.isArray(parsed.operations)) throw new Error(`${String(file)}: no "operations" list`);
  return parsed.operations.filter(
    (o): o is { name: string; query: string } =>
      typeof o === 'object' && o !== null && typeof o.name === 'string' && typeof o.query === 'string',
  );
}

/** Logs what the warm-up did; a stale list is worth a warning, not a failed start. */
export function logWarmup(log: Logger, report: WarmupReport): void {
  log.info({ planned: report.planned, ms: report.ms }, 'query plans warmed');
  for (const s of report.skipped)
    log.warn({ operation: s.name, reason: s.reason }, 'warm-up operation skipped');
}
