import 'reflect-metadata';
import { graphql, parse, subscribe, type ExecutionResult } from 'graphql';
import { Arg, Authorized, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { resolver } from './container.js';
import { buildFederatedSchema, printSubgraphSdl, type SubgraphDefinition } from './schema-builder.js';
import { subscribeOn } from './subscription.js';

interface Services {
  greeting: string;
  made: string[];
}

@Resolver()
class GreetingResolver {
  constructor(private readonly services: Services) {
    services.made.push('GreetingResolver');
  }

  @Authorized()
  @Query(() => String)
  hello(): string {
    return this.services.greeting;
  }

  @Authorized('ADMIN')
  @Mutation(() => String)
  rename(@Arg('to') to: string): string {
    this.services.greeting = to;
    return to;
  }

  @Authorized('VIEWER')
  @Subscription(() => String, {
    subscribe: subscribeOn(
      () => GreetingResolver,
      (r, args: { times: number }) => r.greetings(args.times),
    ),
  })
  greeted(@Root() greeting: string, @Arg('times') _times: number): string {
    return greeting;
  }

  private async *greetings(times: number): AsyncGenerator<string> {
    for (let i = 0; i < times; i++) yield this.services.greeting;
  }
}

const definition: SubgraphDefinition<Services> = {
  resolvers: [resolver(GreetingResolver, (s: Services) => new GreetingResolver(s))],
};
const viewer = { user: { id: 'u', username: 'v', roles: ['VIEWER' as const] }, requestId: 'r' };

async function all(result: AsyncIterable<ExecutionResult> | ExecutionResult): Promise<unknown[]> {
  if (!(Symbol.asyncIterator in result)) return [result];
  const out: unknown[] = [];
  for await (const r of result) out.push(r.data ?? r.errors?.[0]?.extensions?.['code']);
  return out;
}

describe('buildFederatedSchema', () => {
  it('prints the SDL from the classes alone, without services', async () => {
    const sdl = await printSubgraphSdl(definition);
    expect(sdl).toContain('hello: String!');
    expect(sdl).toContain('greeted(times: Float!): String!');
  });

  it('makes each resolver on its first use, once', async () => {
    const services = { greeting: 'hi', made: [] as string[] };
    const { schema } = await buildFederatedSchema(definition, services);
    expect(services.made).toEqual([]);
    await graphql({ schema, source: '{ hello }', contextValue: viewer });
    const result = await graphql({ schema, source: '{ hello }', contextValue: viewer });
    expect(result.data).toEqual({ hello: 'hi' });
    expect(services.made).toEqual(['GreetingResolver']);
  });

  it("runs a subscription's subscribe on the schema's resolver, after the role check", async () => {
    const { schema } = await buildFederatedSchema(definition, { greeting: 'hi', made: [] });
    const document = parse('subscription { greeted(times: 2) }');
    expect(await all(await subscribe({ schema, document, contextValue: viewer }))).toEqual([
      { greeted: 'hi' },
      { greeted: 'hi' },
    ]);
    const anonymous = await subscribe({ schema, document, contextValue: { requestId: 'r' } });
    expect(await all(anonymous)).toMatchObject([{ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] }]);
  });

  it('without services, still checks roles and says why a resolver cannot run', async () => {
    const { schema } = await buildFederatedSchema(definition);
    const refused = await graphql({ schema, source: 'mutation { rename(to: "x") }', contextValue: viewer });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const admin = { ...viewer, user: { ...viewer.user, roles: ['ADMIN' as const] } };
    const unwired = await graphql({ schema, source: 'mutation { rename(to: "x") }', contextValue: admin });
    expect(unwired.errors?.[0]?.message).toBe(
      'GreetingResolver.services: this schema was built without services',
    );
  });
});
