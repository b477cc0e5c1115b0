import type { Principal } from '@opshub/auth';
import { BadUserInputError, ConflictError, NotFoundError } from '@opshub/errors';
import type { AuditService } from '../audit/audit.service.js';
import type { SessionRevoker } from '../session/session.revoker.js';
import type { PasswordHasher } from './password.hasher.js';
import { checkPasswordPolicy } from './password.policy.js';
import { Role, type User } from './user.type.js';
import type { UserRepository, UserRow } from './user.repository.js';
import { isUuid } from './uuid.js';

const USERNAME = /^[a-z][a-z0-9._-]{1,31}$/;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    roles: row.roles,
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  };
}

export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly revoker: SessionRevoker,
  ) {}

  async byId(id: string): Promise<User | null> {
    const row = isUuid(id) ? await this.users.findById(id) : null;
    return row ? toUser(row) : null;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, User>> {
    const rows = await this.users.findByIds(ids.filter(isUuid));
    return new Map(rows.map((r) => [r.id, toUser(r)]));
  }

  async list(): Promise<User[]> {
    return (await this.users.list()).map(toUser);
  }

  async create(
    input: { username: string; password: string; roles: Role[] },
    actor?: Principal,
  ): Promise<User> {
    if (!USERNAME.test(input.username)) {
      throw new BadUserInputError(
        'username: 2–32 characters, lower-case letters, digits, . _ -, starting with a letter',
        {
          field: 'username',
        },
      );
    }
    checkPasswordPolicy(input.password, input.username);
    if (input.roles.length === 0)
      throw new BadUserInputError('roles: give at least one role', { field: 'roles' });
    const row = await this.users.create({
      username: input.username,
      passwordHash: await this.hasher.hash(input.password),
      roles: input.roles,
    });
    if (row === 'exists') throw new ConflictError(`User ${input.username} already exists`);
    await this.audit.record({
      actorId: actor?.id ?? null,
      kind: 'user.create',
      target: row.username,
      detail: { roles: input.roles },
    });
    return toUser(row);
  }

  /**
   * Sets a password and ends the user's other sessions: all of them after an admin's reset (or the
   * CLI's), all but `keepTokenHash` (the caller's own, stored hash) when users change their own.
   */
  async setPassword(
    username: string,
    password: string,
    actor?: Principal,
    keepTokenHash?: string,
  ): Promise<User> {
    checkPasswordPolicy(password, username);
    const row = await this.users.findByUsername(username);
    if (!row) throw new NotFoundError('User', username);
    const updated = await this.users.update(row.id, { passwordHash: await this.hasher.hash(password) });
    const own = actor?.id === row.id;
    const revoked = await this.revoker.revokeAll(row.id, 'password-changed', own ? keepTokenHash : undefined);
    await this.audit.record({
      actorId: actor?.id ?? null,
      kind: 'user.password',
      target: username,
      detail: { sessionsRevoked: revoked },
    });
    return toUser(updated);
  }

  /** Disables a user: no password, session or API token of theirs authenticates until enabled again. */
  async disable(id: string, actor?: Principal): Promise<User> {
    const row = await this.require(id);
    if (actor?.id === row.id) throw new BadUserInputError('You cannot disable yourself', { field: 'id' });
    const updated = row.disabledAt ? row : await this.users.update(row.id, { disabledAt: new Date() });
    // Sessions end for good (enabling does not bring them back); API tokens only pause.
    const revoked = await this.revoker.revokeAll(row.id, 'user-disabled');
    await this.audit.record({
      actorId: actor?.id ?? null,
      kind: 'user.disable',
      target: row.username,
      detail: { sessionsRevoked: revoked },
    });
    return toUser(updated);
  }

  async enable(id: string, actor?: Principal): Promise<User> {
    const row = await this.require(id);
    const updated = row.disabledAt ? await this.users.update(row.id, { disabledAt: null }) : row;
    await this.audit.record({
      actorId: actor?.id ?? null,
      kind: 'user.enable',
      target: row.username,
      detail: {},
    });
    return toUser(updated);
  }

  /**
   * Checks a password; the same work is done for unknown and disabled users so timing tells
   * nothing. Throws RATE_LIMITED when too many checks are already waiting for the hasher.
   */
  async verifyPassword(username: string, password: string): Promise<UserRow | null> {
    const row = await this.users.findByUsername(username);
    const usable = row && !row.disabledAt ? row : null;
    const ok = await this.hasher.verify(usable?.passwordHash ?? null, password);
    return ok ? usable : null;
  }

  async findByUsername(username: string): Promise<UserRow | null> {
    return this.users.findByUsername(username);
  }

  async require(id: string): Promise<UserRow> {
    const row = isUuid(id) ? await this.users.findById(id) : null;
    if (!row) throw new NotFoundError('User', id);
    return row;
  }
}
