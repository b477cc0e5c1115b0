import type { Principal } from '@opshub/auth';
import { BadUserInputError, RateLimitedError, UnauthenticatedError } from '@opshub/errors';
import type { ApiTokenRepository } from '../api-token/api-token.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import { checkPasswordPolicy } from '../user/password.policy.js';
import type { UserService } from '../user/user.service.js';
import { toUser } from '../user/user.service.js';
import type { User } from '../user/user.type.js';
import { LoginLimited, type LoginLimiter } from './login-limiter.js';
import type { SessionRepository } from './session.repository.js';
import type { SessionRevoker } from './session.revoker.js';
import { hashToken, newToken } from './token-hash.js';

/** lastUsedAt is written at most this often per token, not on every request. */
const TOUCH_EVERY_MS = 60_000;

/** Longest username and password `login` reads: longer ones are refused before anything is stored or hashed. */
export const LOGIN_USERNAME_MAX = 64;
export const LOGIN_PASSWORD_MAX = 1024;
/** How much of an unknown username an audit row keeps (real usernames are at most 32 characters). */
const AUDIT_USERNAME_MAX = 32;

export interface SessionResult {
  token: string;
  expiresAt: Date;
  user: User;
}

/** Who is asking, as the gateway vouched for it. */
export interface LoginSource {
  requestId?: string;
  clientAddress?: string;
}

/** A credential that authenticated: whose it is and until when (null: until revoked). */
export interface Credential {
  user: Principal;
  expiresAt: Date | null;
}

const truncated = (username: string): string =>
  username.length > AUDIT_USERNAME_MAX ? `${username.slice(0, AUDIT_USERNAME_MAX)}…` : username;

export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly tokens: ApiTokenRepository,
    private readonly users: UserService,
    private readonly audit: AuditService,
    private readonly revoker: SessionRevoker,
    private readonly limiter: LoginLimiter,
    private readonly ttlHours: number,
  ) {}

  async login(username: string, password: string, source: LoginSource = {}): Promise<SessionResult> {
    if (username.length > LOGIN_USERNAME_MAX)
      throw new BadUserInputError(`username: at most ${LOGIN_USERNAME_MAX} characters`, {
        field: 'username',
      });
    if (password.length > LOGIN_PASSWORD_MAX)
      throw new BadUserInputError(`password: at most ${LOGIN_PASSWORD_MAX} characters`, {
        field: 'password',
      });
    const requestId = source.requestId ? { requestId: source.requestId } : {};
    const address = source.clientAddress || 'unknown';
    try {
      await this.limiter.admit(address, username);
    } catch (error) {
      if (error instanceof LoginLimited) {
        await this.accountRefusal(error, requestId);
        await this.limiter.slowDown(error.retryAfterMs);
      }
      throw error;
    }
    const row = await this.users.verifyPassword(username, password).catch(async (error: unknown) => {
      // The hasher's queue is full: refused like a limit, and answered as slowly.
      if (error instanceof RateLimitedError) await this.limiter.slowDown(1_000);
      throw error;
    });
    if (!row) {
      await this.limiter.failed(username);
      await this.audit.record({
        actorId: null,
        kind: 'session.login-failed',
        target: truncated(username),
        detail: { address },
        ...requestId,
      });
      throw new UnauthenticatedError('Wrong username or password');
    }
    await this.limiter.succeeded(username);
    const token = newToken('session');
    const expiresAt = new Date(Date.now() + this.ttlHours * 3600_000);
    await this.sessions.create({ tokenHash: hashToken(token), userId: row.id, expiresAt });
    await this.audit.record({
      actorId: row.id,
      kind: 'session.login',
      target: username,
      detail: { address },
      ...requestId,
    });
    return { token, expiresAt, user: toUser(row) };
  }

  /** Refused attempts are counted, and audited once per limited key and window, not one by one. */
  private async accountRefusal(limited: LoginLimited, requestId: { requestId?: string }): Promise<void> {
    const refused = await this.limiter.refused(limited);
    if (refused === null) return;
    await this.audit.record({
      actorId: null,
      kind: 'session.login-limited',
      target: limited.scope === 'username' ? truncated(limited.key) : limited.key,
      detail: {
        scope: limited.scope,
        retryAfterSeconds: Math.ceil(limited.retryAfterMs / 1000),
        refused,
      },
      ...requestId,
    });
  }

  /**
   * The caller changes their own password. The current one is checked under the same limits as a
   * sign-in (a stolen session must not become a password oracle); the caller's other sessions end,
   * the one whose `keepToken` is given stays.
   */
  async changePassword(
    user: Principal,
    currentPassword: string,
    newPassword: string,
    keepToken?: string,
    source: LoginSource = {},
  ): Promise<boolean> {
    if (currentPassword.length > LOGIN_PASSWORD_MAX)
      throw new BadUserInputError('currentPassword: wrong password', { field: 'currentPassword' });
    checkPasswordPolicy(newPassword, user.username);
    const requestId = source.requestId ? { requestId: source.requestId } : {};
    try {
      await this.limiter.admit(source.clientAddress || 'unknown', user.username);
    } catch (error) {
      if (error instanceof LoginLimited) {
        await this.accountRefusal(error, requestId);
        await this.limiter.slowDown(error.retryAfterMs);
      }
      throw error;
    }
    const row = await this.users.verifyPassword(user.username, currentPassword);
    if (!row || row.id !== user.id) {
      await this.limiter.failed(user.username);
      await this.audit.record({
        actorId: user.id,
        kind: 'user.password-failed',
        target: user.username,
        detail: {},
        ...requestId,
      });
      throw new BadUserInputError('currentPassword: wrong password', { field: 'currentPassword' });
    }
    await this.users.setPassword(
      user.username,
      newPassword,
      user,
      keepToken ? hashToken(keepToken) : undefined,
    );
    return true;
  }

  async logout(token: string, userId: string): Promise<boolean> {
    const hash = hashToken(token);
    const { count } = await this.sessions.revokeByHash(hash, userId, new Date());
    if (count > 0) await this.revoker.announce(userId, 'logout', hash);
    return count > 0;
  }

  /** Ends every session of a user (API tokens stay: revoke them one by one, or disable the user). */
  async revokeAll(userId: string, actor?: Principal): Promise<number> {
    const user = await this.users.require(userId);
    const count = await this.revoker.revokeAll(user.id, 'sessions-revoked');
    await this.audit.record({
      actorId: actor?.id ?? null,
      kind: 'session.revoke-all',
      target: user.username,
      detail: { sessionsRevoked: count },
    });
    return count;
  }

  /** The principal behind a session or API token, or null when unknown, expired, revoked or disabled. */
  async authenticate(token: string): Promise<Principal | null> {
    return (await this.credential(token))?.user ?? null;
  }

  /** Like `authenticate`, with the credential's expiry (so a gateway can close a socket at that instant). */
  async credential(token: string): Promise<Credential | null> {
    const hash = hashToken(token);
    const now = new Date();
    if (token.startsWith('ohs_')) {
      const s = await this.sessions.findByHash(hash);
      if (!s || s.revokedAt || s.expiresAt <= now || s.user.disabledAt) return null;
      if (!s.lastUsedAt || now.getTime() - s.lastUsedAt.getTime() > TOUCH_EVERY_MS)
        await this.sessions.touch(s.id, now);
      return {
        user: { id: s.user.id, username: s.user.username, roles: s.user.roles },
        expiresAt: s.expiresAt,
      };
    }
    if (token.startsWith('oht_')) {
      const t = await this.tokens.findByHash(hash);
      if (!t || t.revokedAt || (t.expiresAt && t.expiresAt <= now) || t.user.disabledAt) return null;
      if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > TOUCH_EVERY_MS)
        await this.tokens.touch(t.id, now);
      return {
        user: { id: t.user.id, username: t.user.username, roles: t.user.roles },
        expiresAt: t.expiresAt,
      };
    }
    return null;
  }

  prune(olderThanHours: number): Promise<{ count: number }> {
    return this.sessions.prune(new Date(Date.now() - olderThanHours * 3600_000));
  }
}
