import type { GraphQLSchema } from 'graphql';
import type { ContainerType } from 'type-graphql';

/** A resolver class (abstract so that any constructor signature fits). */
export type ResolverClass<T extends object = object> = abstract new (...args: never[]) => T;

/** One resolver class of a subgraph and how its instance is made from the subgraph's services. */
export interface ResolverEntry<S> {
  cls: ResolverClass;
  make: (services: S) => object;
}

/** Pairs a resolver class with its factory (the class's constructor takes services, never a container). */
export function resolver<S, T extends object>(
  cls: ResolverClass<T>,
  make: (services: S) => T,
): ResolverEntry<S> {
  return { cls, make };
}

/**
 * The resolver instances of one schema, each made on its first use. A schema built without services
 * (SDL, schema-wide checks) gets instances without them: what runs before a resolver body — the
 * role check, argument validation — works; a resolver that reaches for a service says why it cannot.
 */
export class Container implements ContainerType {
  private readonly instances = new Map<unknown, object>();
  private readonly factories: Map<unknown, () => object>;

  constructor(entries: readonly ResolverEntry<never>[], services: (() => unknown) | undefined) {
    this.factories = new Map(
      entries.map(({ cls, make }) => [cls, services ? () => make(services() as never) : () => unwired(cls)]),
    );
  }

  get<T>(cls: ResolverClass<T & object>): T {
    let instance = this.instances.get(cls);
    if (!instance) {
      const make = this.factories.get(cls);
      if (!make) throw new Error(`${cls.name} is not a resolver of this schema`);
      this.instances.set(cls, (instance = make()));
    }
    return instance as T;
  }
}

function unwired(cls: ResolverClass): object {
  return new Proxy(Object.create(cls.prototype) as object, {
    get(target, property, receiver) {
      // `then` is asked by whoever checks for a promise; symbols by inspection: neither is a service.
      if (property in target || property === 'then' || typeof property === 'symbol')
        return Reflect.get(target, property, receiver);
      throw new Error(`${cls.name}.${String(property)}: this schema was built without services`);
    },
  });
}

const containers = new WeakMap<GraphQLSchema, Container>();

/** Remembers which container serves `schema` (the schema builder calls it). */
export function attachContainer(schema: GraphQLSchema, container: Container): void {
  containers.set(schema, container);
}

/** The instance of `cls` serving `schema`: for code type-graphql calls without one (`subscribe`). */
export function resolverOf<T extends object>(schema: GraphQLSchema, cls: ResolverClass<T>): T {
  const container = containers.get(schema);
  if (!container) throw new Error('this schema was not built by buildFederatedSchema');
  return container.get(cls);
}
