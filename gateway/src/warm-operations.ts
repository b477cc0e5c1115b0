/**
 * Build-time: the operations the web app and the client package send (their generated typed
 * documents, web/src/gql and packages/client/src/gql) → `gateway/warm-operations.json`, the list
 * whose query plans the gateway makes before it listens (plan-warmup.ts). Committed, because the
 * production image has no web sources. With `--check` it writes nothing and exits 1 when stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { print, type DocumentNode } from 'graphql';
import { diffSummary } from './text-diff.js';

const root = path.resolve(import.meta.dirname, '../..');
/** Where codegen writes the typed documents (codegen.yml). */
const SOURCES = ['web/src/gql/graphql.ts', 'packages/client/src/gql/graphql.ts'];
export const WARM_OPERATIONS_FILE = path.join(root, 'gateway/warm-operations.json');

export interface WarmOperation {
  name: string;
  /** Exactly as clients send it: graphql-js `print` (the client package), which urql's print matches. */
  query: string;
}

function isOperationDocument(value: unknown): value is DocumentNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as DocumentNode).definitions) &&
    (value as DocumentNode).definitions.some((d) => d.kind === 'OperationDefinition')
  );
}

/** Queries and mutations of every generated document (subscriptions go over WebSocket, planned there). */
export async function collectWarmOperations(): Promise<WarmOperation[]> {
  const byQuery = new Map<string, WarmOperation>();
  for (const source of SOURCES) {
    const file = path.join(root, source);
    if (!existsSync(file)) continue;
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [exported, value] of Object.entries(module)) {
      if (!exported.endsWith('Document') || !isOperationDocument(value)) continue;
      const operation = value.definitions.find((d) => d.kind === 'OperationDefinition');
      if (!operation || operation.operation === 'subscription') continue;
      const query = print(value);
      byQuery.set(query, { name: operation.name?.value ?? exported.replace(/Document$/, ''), query });
    }
  }
  return [...byQuery.values()].sort((a, b) =>
    a.name === b.name ? a.query.localeCompare(b.query) : a.name.localeCompare(b.name),
  );
}

export const renderWarmOperations = (operations: WarmOperation[]): string =>
  `${JSON.stringify({ operations }, null, 2)}\n`;

async function main(check: boolean): Promise<number> {
  const text = renderWarmOperations(await collectWarmOperations());
  const current = existsSync(WARM_OPERATIONS_FILE) ? readFileSync(WARM_OPERATIONS_FILE, 'utf8') : null;
  const relative = path.relative(root, WARM_OPERATIONS_FILE);
  if (current === text) {
    console.log(`${relative}: up to date`);
    return 0;
  }
  if (check) {
    console.error(
      current === null ? `${relative}: missing` : `${relative}: stale\n${diffSummary(current, text)}`,
    );
    console.error(
      'Run `node --import @swc-node/register/esm-register gateway/src/warm-operations.ts` and commit the result.',
    );
    return 1;
  }
  writeFileSync(WARM_OPERATIONS_FILE, text);
  console.log(`wrote ${relative}`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.includes('--check'));
}
