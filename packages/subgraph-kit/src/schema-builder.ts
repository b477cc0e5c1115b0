import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLResolveInfo, type GraphQLSchema, parse } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { authChecker } from './auth-checker.js';
import { attachContainer, Container, type ResolverEntry } from './container.js';
import type { SubgraphContext } from './context.js';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override"])';

/** Where the JSON scalar class comes from in type definitions. */
export const JSONScalar = JSONResolver;

export type ReferenceResolvers = Record<
  string,
  {
    __resolveReference: (reference: never, context: SubgraphContext, info: GraphQLResolveInfo) => unknown;
  }
>;

/** What a subgraph is made of: its type-graphql classes, and how they reach its services `S`. */
export interface SubgraphDefinition<S> {
  /** Each resolver class with its factory (`resolver(Cls, (services) => new Cls(…))`), made on first use. */
  resolvers: readonly [ResolverEntry<S>, ...ResolverEntry<S>[]];
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type. */
  references?: (services: S) => ReferenceResolvers;
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

async function typeSchemaOf<S>(
  definition: SubgraphDefinition<S>,
  container: Container,
): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: definition.resolvers.map((r) => r.cls) as unknown as NonEmptyArray<Function>,
    orphanedTypes: definition.orphanedTypes ?? [],
    authChecker,
    authMode: 'error',
    pubSub: topicSubscriptionsRefused,
    container,
    validate: false,
    skipCheck: true,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
}

function sdlOf(typeSchema: GraphQLSchema): string {
  return `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeSchema)}\n`;
}

/**
 * The one schema builder for all subgraphs: type-graphql classes → federation 2 subgraph, its
 * resolvers reaching `services`. Without services the schema serves its SDL and whatever runs
 * before a resolver body (role checks), and nothing else.
 */
export async function buildFederatedSchema<S>(
  definition: SubgraphDefinition<S>,
  services?: S,
): Promise<BuiltSubgraph> {
  const container = new Container(definition.resolvers, services === undefined ? undefined : () => services);
  const typeSchema = await typeSchemaOf(definition, container);
  const sdl = sdlOf(typeSchema);
  const resolvers = createResolversMap(typeSchema) as Record<string, Record<string, unknown>>;
  const references = services === undefined ? {} : (definition.references?.(services) ?? {});
  for (const [typeName, ref] of Object.entries(references)) {
    resolvers[typeName] = { ...resolvers[typeName], ...ref };
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never });
  attachContainer(schema, container);
  return { schema, sdl };
}

/** The subgraph's SDL with federation directives, as committed in `schema.graphql`; needs no services. */
export async function printSubgraphSdl<S>(definition: SubgraphDefinition<S>): Promise<string> {
  return sdlOf(await typeSchemaOf(definition, new Container(definition.resolvers, undefined)));
}

/** What every subgraph's `schema.ts` exports, from its one definition. */
export interface SubgraphSchema<S> {
  /** The subgraph over its services. */
  build(services: S): Promise<BuiltSubgraph>;
  /** The schema without services: its SDL, and checks that stop before a resolver body (roles). */
  buildOffline(): Promise<BuiltSubgraph>;
  /** The SDL committed as `schema.graphql` (`npm run generate`). */
  printSdl(): Promise<string>;
}

export function subgraphSchema<S>(definition: SubgraphDefinition<S>): SubgraphSchema<S> {
  return {
    build: (services) => buildFederatedSchema(definition, services),
    buildOffline: () => buildFederatedSchema(definition),
    printSdl: () => printSubgraphSdl(definition),
  };
}
