/**
 * Build-time composition: reads every committed `subgraphs/<name>/schema.graphql`, composes them and
 * writes `gateway/supergraph.graphql` and `gateway/schema.graphql`. With `--check` it writes nothing
 * and exits 1 when either file is stale (CI runs this).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envSchema, loadEnv, type EnvKey } from '@opshub/config';
import { composeSupergraph, CompositionError, type SubgraphSource } from './composition.js';
import { diffSummary } from './text-diff.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const subgraphsDir = path.join(root, 'subgraphs');

/** The URL recorded in the supergraph: the subgraph's default port from @opshub/config. */
function defaultUrl(name: string): string {
  const key = `${name.toUpperCase()}_PORT`;
  if (!(key in envSchema)) throw new Error(`No ${key} in packages/config/src/env.ts for subgraph "${name}"`);
  // Defaults only: the committed supergraph must not depend on the machine that composed it.
  const env = loadEnv([key as EnvKey], {}) as Record<string, unknown>;
  return `http://127.0.0.1:${String(env[key])}/graphql`;
}

function readSubgraphs(): SubgraphSource[] {
  return readdirSync(subgraphsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(subgraphsDir, d.name, 'schema.graphql')))
    .map((d) => ({
      name: d.name,
      url: defaultUrl(d.name),
      sdl: readFileSync(path.join(subgraphsDir, d.name, 'schema.graphql'), 'utf8'),
    }));
}

function main(check: boolean): number {
  const subgraphs = readSubgraphs();
  if (subgraphs.length === 0) {
    console.error(`No subgraphs/*/schema.graphql found under ${subgraphsDir}`);
    return 1;
  }
  let composed;
  try {
    composed = composeSupergraph(subgraphs);
  } catch (error) {
    if (error instanceof CompositionError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const outputs = [
    { file: path.join(root, 'gateway/supergraph.graphql'), text: composed.supergraphSdl },
    { file: path.join(root, 'gateway/schema.graphql'), text: composed.apiSchemaSdl },
  ];
  let stale = 0;
  for (const { file, text } of outputs) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
    const relative = path.relative(root, file);
    if (current === text) continue;
    if (check) {
      stale++;
      console.error(
        current === null ? `${relative}: missing` : `${relative}: stale\n${diffSummary(current, text)}`,
      );
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${relative}`);
    }
  }
  const names = subgraphs.map((s) => s.name).join(', ');
  if (stale > 0) {
    console.error(`Run \`npm run compose -w gateway\` (subgraphs: ${names}) and commit the result.`);
    return 1;
  }
  console.log(`${check ? 'up to date' : 'composed'}: ${names}`);
  return 0;
}

process.exitCode = main(process.argv.includes('--check'));
