import type { Db, Role as DbRole, User as UserRow } from '@opshub/db';

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

  create(data: { username: string; passwordHash: string; roles: DbRole[] }): Promise<UserRow> {
    return this.db.user.create({ data });
  }

  update(
    id: string,
    data: { passwordHash?: string; roles?: DbRole[]; disabledAt?: Date | null },
  ): Promise<UserRow> {
    return this.db.user.update({ where: { id }, data });
  }
}
