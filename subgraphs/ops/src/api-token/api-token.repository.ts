import { type ApiToken, type Db, prismaErrorCode, UNIQUE_VIOLATION, type User } from '@opshub/db';

export type ApiTokenWithUser = ApiToken & { user: User };

export class ApiTokenRepository {
  constructor(private readonly db: Db) {}

  /** The new token; `'exists'` when the user has a token of that name already. */
  async create(data: {
    name: string;
    prefix: string;
    tokenHash: string;
    userId: string;
    expiresAt: Date | null;
  }): Promise<ApiTokenWithUser | 'exists'> {
    try {
      return await this.db.apiToken.create({ data, include: { user: true } });
    } catch (error) {
      if (prismaErrorCode(error) === UNIQUE_VIOLATION) return 'exists';
      throw error;
    }
  }

  findByHash(tokenHash: string): Promise<ApiTokenWithUser | null> {
    return this.db.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
  }

  findById(id: string): Promise<ApiTokenWithUser | null> {
    return this.db.apiToken.findUnique({ where: { id }, include: { user: true } });
  }

  list(userId?: string): Promise<ApiTokenWithUser[]> {
    return this.db.apiToken.findMany({
      where: userId ? { userId } : {},
      include: { user: true },
      orderBy: { createdAt: 'desc' },
    });
  }

  touch(id: string, at: Date): Promise<unknown> {
    return this.db.apiToken.update({ where: { id }, data: { lastUsedAt: at } });
  }

  revoke(id: string, at: Date): Promise<ApiTokenWithUser> {
    return this.db.apiToken.update({ where: { id }, data: { revokedAt: at }, include: { user: true } });
  }
}
