import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { authChecker } from './auth-checker.js';
import type { Container } from './container.js';
import type { SubgraphContext } from './context.js';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override"])';

/** Where the JSON scalar class comes from in type definitions. */
export const JSONScalar = JSONResolver;

export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: never, context: SubgraphContext) => unknown }
>;

export interface SubgraphSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
  container: Container;
}

export interface BuiltSubgraph {
  /** The executable federated schema. */
  schema: GraphQLSchema;
  /** The SDL with federation directives, as committed in `schema.graphql`. */
  sdl: string;
}

/**
 * type-graphql insists on a PubSub as soon as a schema has subscriptions, even when every one of
 * them brings its own `subscribe` (ours read Redis streams through @opshub/events, resumable by id).
 * This one refuses topic-based subscriptions loudly instead of losing events silently.
 */
const topicSubscriptionsRefused = {
  publish(): never {
    throw new Error(
      'Topic subscriptions are not used in opshub: give @Subscription a `subscribe` over @opshub/events',
    );
  },
  subscribe(): never {
    throw new Error(
      'Topic subscriptions are not used in opshub: give @Subscription a `subscribe` over @opshub/events',
    );
  },
};

/** The one schema builder for all subgraphs: type-graphql classes → federation 2 subgraph. */
export async function buildFederatedSchema(options: SubgraphSchemaOptions): Promise<BuiltSubgraph> {
  const typeSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    authChecker,
    authMode: 'error',
    pubSub: topicSubscriptionsRefused,
    container: options.container,
    validate: false,
    skipCheck: true,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeSchema)}\n`;
  const resolvers = createResolversMap(typeSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, ref] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = { ...resolvers[typeName], ...ref };
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never });
  return { schema, sdl };
}
