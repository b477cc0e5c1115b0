import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { describe, expect, it } from 'vitest';
import { EntityBatcher } from './entity-batcher.js';

const QUERY =
  'query($representations:[_Any!]!){_entities(representations:$representations){...on User{username}}}';
const fetchOf = (ids: string[]) =>
  ({
    request: { query: QUERY, variables: { representations: ids.map((id) => ({ __typename: 'User', id })) } },
  }) as unknown as GraphQLDataSourceProcessOptions;

describe('EntityBatcher', () => {
  it('merges the fetches of one tick into one call and splits the answer and errors back by position', async () => {
    const calls: unknown[][] = [];
    const real: GraphQLDataSource = {
      process: async (options) => {
        const reps = options.request.variables!['representations'] as { id: string }[];
        calls.push(reps);
        return {
          data: { _entities: reps.map((r) => (r.id === 'bad' ? null : { username: `name-${r.id}` })) },
          errors: reps.flatMap((r, i) =>
            r.id === 'bad' ? [{ message: 'no such user', path: ['_entities', i] }] : [],
          ),
        };
      },
    };
    const counters = { entityFetches: 0, entityCalls: 0 };
    const batcher = new EntityBatcher(real, counters);
    const [a, b] = await Promise.all([
      batcher.process(fetchOf(['1', '2'])),
      batcher.process(fetchOf(['bad', '3'])),
    ]);
    expect(calls).toHaveLength(1);
    expect(a).toEqual({ data: { _entities: [{ username: 'name-1' }, { username: 'name-2' }] } });
    expect(b).toEqual({
      data: { _entities: [null, { username: 'name-3' }] },
      errors: [{ message: 'no such user', path: ['_entities', 0] }],
    });
    expect(counters).toEqual({ entityFetches: 2, entityCalls: 1 });
  });

  it('passes other operations straight through', async () => {
    const real: GraphQLDataSource = { process: async () => ({ data: { ping: 'pong' } }) };
    const counters = { entityFetches: 0, entityCalls: 0 };
    const result = await new EntityBatcher(real, counters).process({
      request: { query: '{ ping }' },
    } as unknown as GraphQLDataSourceProcessOptions);
    expect(result).toEqual({ data: { ping: 'pong' } });
    expect(counters.entityCalls).toBe(0);
  });
});
