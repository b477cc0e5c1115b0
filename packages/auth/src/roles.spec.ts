import { Role } from '@opshub/db/enums';
import { describe, expect, it } from 'vitest';
import { hasRole, ROLES } from './roles.js';

describe('roles', () => {
  it('ranks every database role once, so a role added to the schema cannot go unranked', () => {
    expect([...ROLES].sort()).toEqual(Object.values(Role).sort());
  });

  it('gives a role the rights of the ones below it', () => {
    expect(hasRole({ roles: [Role.ADMIN] }, Role.OPERATOR)).toBe(true);
    expect(hasRole({ roles: [Role.OPERATOR] }, Role.ADMIN)).toBe(false);
  });
});
