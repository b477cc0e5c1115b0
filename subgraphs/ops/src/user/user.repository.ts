import { type Db, prismaErrorCode, type Role, UNIQUE_VIOLATION, type User as UserRow } from '@opshub/db';

export type { UserRow };

export class UserRepository {
  constructor(private readonly db: Db) {}

  findById(id: string): Promise<UserRow | null> {
    return this.db.user.findUnique({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<UserRow[]> {
    return this.db.user.findMany({ where: { id: { in: [...ids] } } });
  }

  findByUsername(username: string): Promise<UserRow | null> {
    return this.db.user.findUnique({ where: { username } });
  }

  list(): Promise<UserRow[]> {
    return this.db.user.findMany({ orderBy: { username: 'asc' } });
  }

  /** The new user; `'exists'` when the username is taken. */
  async create(data: { username: string; passwordHash: string; roles: Role[] }): Promise<UserRow | 'exists'> {
    try {
      return await this.db.user.create({ data });
    } catch (error) {
      if (prismaErrorCode(error) === UNIQUE_VIOLATION) return 'exists';
      throw error;
    }
  }

  update(
    id: string,
    data: { passwordHash?: string; roles?: Role[]; disabledAt?: Date | null },
  ): Promise<UserRow> {
    return this.db.user.update({ where: { id }, data });
  }
}
