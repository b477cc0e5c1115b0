// Enumerates every mutation of every subgraph and proves that a VIEWER is refused each one.
import 'reflect-metadata';
import { createLogger, SUBGRAPHS, type Subgraph } from '@opshub/config';
import {
  getNamedType,
  graphql,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';

/**
 * Read-only domains today (alerts come from the DIA pipeline, DQM runs from the workers). Every other
 * subgraph must expose mutations, so a schema that lost them (a resolver dropped from the build) fails
 * here instead of passing with nothing to check.
 */
const WITHOUT_MUTATIONS = new Set(['alerts', 'dqm']);
/** Open to anyone (login) or to any signed-in user for their own session or password. */
const OPEN = new Set(['login', 'logout', 'changePassword']);

function sample(type: GraphQLInputType): string {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return `[${sample(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{${fields.map((f) => `${f.name}: ${sample(f.type)}`).join(', ')}}`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return '1';
      case 'Float':
        return '1.5';
      case 'Boolean':
        return 'true';
      case 'DateTime':
        return '"2026-01-01T00:00:00Z"';
      case 'JSON':
        return '{}';
      default:
        return '"x"';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

function selection(schema: GraphQLSchema, typeName: string): string {
  const type = getNamedType(schema.getType(typeName)!);
  return 'getFields' in type && !isInputObjectType(type) ? '{ __typename }' : '';
}

async function offlineSchema(subgraph: Subgraph): Promise<GraphQLSchema> {
  const mod = (await import(subgraph.packageName)) as {
    buildOfflineSchema: () => Promise<{ schema: GraphQLSchema }>;
  };
  return (await mod.buildOfflineSchema()).schema;
}

describe("every mutation checks the caller's role", () => {
  const log = createLogger('roles', 'silent');
  const viewer = {
    id: '00000000-0000-4000-8000-00000000000a',
    username: 'viewer',
    roles: ['VIEWER' as const],
  };

  it('knows every read-only subgraph it names', () => {
    expect([...WITHOUT_MUTATIONS].filter((n) => !SUBGRAPHS.some((s) => s.name === n))).toEqual([]);
  });

  it.each(SUBGRAPHS.map((s) => [s.name, s] as const))(
    '%s: a VIEWER gets FORBIDDEN from each mutation, an anonymous caller UNAUTHENTICATED',
    async (name, subgraph) => {
      const schema = await offlineSchema(subgraph);
      const mutations = Object.values(schema.getMutationType()?.getFields() ?? {}).filter(
        (f) => !OPEN.has(f.name),
      );
      if (!WITHOUT_MUTATIONS.has(name))
        expect(mutations.length, `${name} exposes no role-checked mutation`).toBeGreaterThan(0);
      for (const field of mutations) {
        const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type));
        const argText = args.length ? `(${args.map((a) => `${a.name}: ${sample(a.type)}`).join(', ')})` : '';
        const source = `mutation { ${field.name}${argText} ${selection(schema, getNamedType(field.type).name)} }`;
        for (const [user, code] of [
          [viewer, 'FORBIDDEN'],
          [undefined, 'UNAUTHENTICATED'],
        ] as const) {
          const result = await graphql({ schema, source, contextValue: { user, requestId: 'roles', log } });
          expect(
            result.errors?.[0]?.extensions?.['code'],
            `${name}.${field.name} as ${user ? 'VIEWER' : 'anonymous'}: ${source}`,
          ).toBe(code);
        }
      }
    },
  );
});
