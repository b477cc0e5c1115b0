import type { Principal } from '@opshub/auth';
import { prismaErrorCode, UNIQUE_VIOLATION } from '@opshub/db';
import { BadUserInputError, ConflictError, NotFoundError } from '@opshub/errors';
import argon2 from 'argon2';
import type { AuditService } from '../audit/audit.service.js';
import { Role, type User } from './user.type.js';
import type { UserRepository, UserRow } from './user.repository.js';

const USERNAME = /^[a-z][a-z0-9._-]{1,31}$/;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    roles: row.roles as Role[],
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  };
}

export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditService,
  ) {}

  async byId(id: string): Promise<User | null> {
    const row = await this.users.findById(id);
    return row ? toUser(row) : null;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, User>> {
    const rows = await this.users.findByIds(ids);
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
    if (input.password.length < 10)
      throw new BadUserInputError('password: at least 10 characters', { field: 'password' });
    if (input.roles.length === 0)
      throw new BadUserInputError('roles: give at least one role', { field: 'roles' });
    try {
      const row = await this.users.create({
        username: input.username,
        passwordHash: await argon2.hash(input.password),
        roles: input.roles,
      });
      await this.audit.record({
        actorId: actor?.id ?? null,
        kind: 'user.create',
        target: row.username,
        detail: { roles: input.roles },
      });
      return toUser(row);
    } catch (error) {
      if (prismaErrorCode(error) === UNIQUE_VIOLATION)
        throw new ConflictError(`User ${input.username} already exists`);
      throw error;
    }
  }

  async setPassword(username: string, password: string, actor?: Principal): Promise<User> {
    if (password.length < 10)
      throw new BadUserInputError('password: at least 10 characters', { field: 'password' });
    const row = await this.users.findByUsername(username);
    if (!row) throw new NotFoundError('User', username);
    const updated = await this.users.update(row.id, { passwordHash: await argon2.hash(password) });
    await this.audit.record({
      actorId: actor?.id ?? null,
      kind: 'user.password',
      target: username,
      detail: {},
    });
    return toUser(updated);
  }

  /** Checks a password; the same work is done for unknown users so timing tells nothing. */
  async verifyPassword(username: string, password: string): Promise<UserRow | null> {
    const row = await this.users.findByUsername(username);
    if (!row || row.disabledAt) {
      await argon2.verify(DUMMY_HASH, password).catch(() => false);
      return null;
    }
    return (await argon2.verify(row.passwordHash, password)) ? row : null;
  }

  async findByUsername(username: string): Promise<UserRow | null> {
    return this.users.findByUsername(username);
  }
}

// argon2id hash of a random string, used only to spend the same time on unknown usernames.
const DUMMY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$2xVdV3bXKc0n8kS0R6Wv9M0S1QJvXo7cqZc8y0xk7eI';
