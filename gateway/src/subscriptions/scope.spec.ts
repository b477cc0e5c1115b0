import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { dependsOnCaller, normalisedRoles, selectedCoordinates, sharingScope } from './scope.js';

const schema = buildSchema(`
  type Query { ping: String }
  type User { id: ID! username: String! roles: [String!]! }
  type Transition { actor: User }
  type Event { transition: Transition! }
  type SqlRun { id: ID! }
  type Subscription { changed: Event! sqlRunUpdated: SqlRun! }
`);
const coordinates = (query: string) => selectedCoordinates(schema, parse(query));

describe('sharing scope', () => {
  it('normalises roles as hasRole reads them: highest ranked role plus capabilities; ADMIN alone', () => {
    expect(normalisedRoles(['VIEWER', 'OPERATOR'] as never)).toEqual(['OPERATOR']);
    expect(normalisedRoles(['SQL', 'VIEWER', 'BROKER'] as never)).toEqual(['VIEWER', 'BROKER', 'SQL']);
    expect(normalisedRoles(['BROKER', 'ADMIN'] as never)).toEqual(['ADMIN']);
  });

  it('finds caller-dependent fields through fragments; usernames are not', () => {
    expect(
      dependsOnCaller(coordinates('subscription { changed { transition { actor { id username } } } }')),
    ).toBe(false);
    expect(
      dependsOnCaller(
        coordinates(
          'subscription { changed { transition { actor { ...A } } } } fragment A on User { roles }',
        ),
      ),
    ).toBe(true);
    expect(dependsOnCaller(coordinates('subscription { sqlRunUpdated { id } }'))).toBe(true);
  });

  it('keys a role scope by roles and signs it as nobody; a per-user scope by the user', () => {
    const vera = { id: 'u1', username: 'vera', roles: ['VIEWER'] as never };
    const walt = { id: 'u2', username: 'walt', roles: ['VIEWER'] as never };
    const alma = { id: 'u3', username: 'alma', roles: ['ADMIN'] as never };
    expect(sharingScope(vera, false).key).toBe(sharingScope(walt, false).key);
    expect(sharingScope(vera, false).key).not.toBe(sharingScope(alma, false).key);
    expect(sharingScope(vera, false).principal.id).not.toBe('u1');
    expect(sharingScope(vera, true).key).not.toBe(sharingScope(walt, true).key);
    expect(sharingScope(vera, true).principal).toMatchObject({ id: 'u1', username: 'vera' });
  });
});
