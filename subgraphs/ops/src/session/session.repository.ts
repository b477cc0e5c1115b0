import type { Db, Session, User } from '@opshub/db';

export type SessionWithUser = Session & { user: User };

export class SessionRepository {
  constructor(private readonly db: Db) {}

  create(data: { tokenHash: string; userId: string; expiresAt: Date }): Promise<Session> {
    return this.db.session.create({ data });
  }

  findByHash(tokenHash: string): Promise<SessionWithUser | null> {
    return this.db.session.findUnique({ where: { tokenHash }, include: { user: true } });
  }

  touch(id: string, at: Date): Promise<unknown> {
    return this.db.session.update({ where: { id }, data: { lastUsedAt: at } });
  }

  revokeByHash(tokenHash: string, userId: string, at: Date): Promise<{ count: number }> {
    return this.db.session.updateMany({
      where: { tokenHash, userId, revokedAt: null },
      data: { revokedAt: at },
    });
  }

  /** Revokes every live session of the user, except the one with `keepTokenHash` when given. */
  revokeAllOfUser(userId: string, at: Date, keepTokenHash?: string): Promise<{ count: number }> {
    return this.db.session.updateMany({
      where: {
        userId,
        revokedAt: null,
        expiresAt: { gt: at },
        ...(keepTokenHash ? { tokenHash: { not: keepTokenHash } } : {}),
      },
      data: { revokedAt: at },
    });
  }

  /** Deletes sessions that expired or were revoked before `before`. */
  prune(before: Date): Promise<{ count: number }> {
    return this.db.session.deleteMany({
      where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] },
    });
  }
}
