import { Role } from '@opshub/db/enums';
import { describe, expect, it } from 'vitest';
import { CAPABILITY_ROLES, hasRole, isRole, ROLES } from './roles.js';

describe('roles', () => {
  it('places every database role once, ranked or capability, so a new role cannot go unplaced', () => {
    expect([...ROLES, ...CAPABILITY_ROLES].sort()).toEqual(Object.values(Role).sort());
  });

  it('gives a ranked role the rights of the ones below it', () => {
    expect(hasRole({ roles: [Role.ADMIN] }, Role.OPERATOR)).toBe(true);
    expect(hasRole({ roles: [Role.OPERATOR] }, Role.ADMIN)).toBe(false);
  });

  it('grants a capability role to its holders and to ADMIN only, and never a rank', () => {
    expect(hasRole({ roles: [Role.VIEWER, Role.BROKER] }, Role.BROKER)).toBe(true);
    expect(hasRole({ roles: [Role.ADMIN] }, Role.SQL)).toBe(true);
    expect(hasRole({ roles: [Role.OPERATOR] }, Role.BROKER)).toBe(false);
    expect(hasRole({ roles: [Role.SQL] }, Role.BROKER)).toBe(false);
    expect(hasRole({ roles: [Role.BROKER] }, Role.VIEWER)).toBe(false);
  });

  it('knows every database role by name', () => {
    expect(isRole('BROKER')).toBe(true);
    expect(isRole('ROOT')).toBe(false);
  });
});
