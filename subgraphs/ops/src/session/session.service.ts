import type { Principal, RoleName } from '@opshub/auth';
import { UnauthenticatedError } from '@opshub/errors';
import type { ApiTokenRepository } from '../api-token/api-token.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import type { UserService } from '../user/user.service.js';
import { toUser } from '../user/user.service.js';
import type { User } from '../user/user.type.js';
import type { SessionRepository } from './session.repository.js';
import { hashToken, newToken } from './token-hash.js';

/** lastUsedAt is written at most this often per token, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionResult {
  token: string;
  expiresAt: Date;
  user: User;
}

export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly tokens: ApiTokenRepository,
    private readonly users: UserService,
    private readonly audit: AuditService,
    private readonly ttlHours: number,
  ) {}

  async login(username: string, password: string, requestId?: string): Promise<SessionResult> {
    const row = await this.users.verifyPassword(username, password);
    if (!row) {
      await this.audit.record({
        actorId: null,
        kind: 'session.login-failed',
        target: username,
        detail: {},
        ...(requestId ? { requestId } : {}),
      });
      throw new UnauthenticatedError('Wrong username or password');
    }
    const token = newToken('session');
    const expiresAt = new Date(Date.now() + this.ttlHours * 3600_000);
    await this.sessions.create({ tokenHash: hashToken(token), userId: row.id, expiresAt });
    await this.audit.record({
      actorId: row.id,
      kind: 'session.login',
      target: username,
      detail: {},
      ...(requestId ? { requestId } : {}),
    });
    return { token, expiresAt, user: toUser(row) };
  }

  async logout(token: string, userId: string): Promise<boolean> {
    const { count } = await this.sessions.revokeByHash(hashToken(token), userId, new Date());
    return count > 0;
  }

  /** The principal behind a session or API token, or null when unknown, expired, revoked or disabled. */
  async authenticate(token: string): Promise<Principal | null> {
    const hash = hashToken(token);
    const now = new Date();
    if (token.startsWith('ohs_')) {
      const s = await this.sessions.findByHash(hash);
      if (!s || s.revokedAt || s.expiresAt <= now || s.user.disabledAt) return null;
      if (!s.lastUsedAt || now.getTime() - s.lastUsedAt.getTime() > TOUCH_EVERY_MS)
        await this.sessions.touch(s.id, now);
      return { id: s.user.id, username: s.user.username, roles: s.user.roles as RoleName[] };
    }
    if (token.startsWith('oht_')) {
      const t = await this.tokens.findByHash(hash);
      if (!t || t.revokedAt || t.user.disabledAt) return null;
      if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > TOUCH_EVERY_MS)
        await this.tokens.touch(t.id, now);
      return { id: t.user.id, username: t.user.username, roles: t.user.roles as RoleName[] };
    }
    return null;
  }

  prune(olderThanHours: number): Promise<{ count: number }> {
    return this.sessions.prune(new Date(Date.now() - olderThanHours * 3600_000));
  }
}
