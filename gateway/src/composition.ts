import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';

/** One subgraph as composition sees it: its name, the URL the supergraph records, its SDL. */
export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

export interface ComposedSupergraph {
  /** The supergraph (join/link directives), what the gateway plans over. */
  supergraphSdl: string;
  /** The public API schema clients see (and the web's codegen reads). */
  apiSchemaSdl: string;
}

/** Thrown when the subgraphs do not compose; carries every error, not just the first. */
export class CompositionError extends Error {
  constructor(readonly errors: string[]) {
    super(`Composition failed with ${errors.length} error(s):\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** Composes federation 2 subgraphs into a supergraph and its API schema. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): ComposedSupergraph {
  const sorted = [...subgraphs].sort((a, b) => a.name.localeCompare(b.name));
  const result = composeServices(sorted.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    throw new CompositionError(
      result.errors.map((e) => `${e.extensions?.['code'] ?? 'ERROR'}: ${e.message}`),
    );
  }
  const apiSchema = result.schema.toAPISchema().toGraphQLJSSchema();
  return {
    supergraphSdl: ensureNewline(result.supergraphSdl),
    apiSchemaSdl: ensureNewline(printSchema(apiSchema)),
  };
}

const ensureNewline = (s: string): string => (s.endsWith('\n') ? s : `${s}\n`);
