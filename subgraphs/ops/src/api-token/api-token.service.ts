import type { Principal } from '@opshub/auth';
import { BadUserInputError, ConflictError, NotFoundError } from '@opshub/errors';
import type { AuditService } from '../audit/audit.service.js';
import type { SessionRevoker } from '../session/session.revoker.js';
import { hashToken, newToken, tokenPrefix } from '../session/token-hash.js';
import { toUser } from '../user/user.service.js';
import type { UserService } from '../user/user.service.js';
import { isUuid } from '../user/uuid.js';
import type { ApiToken } from './api-token.type.js';
import type { ApiTokenRepository, ApiTokenWithUser } from './api-token.repository.js';

/** When a new token stops working: at an instant, after some days, or never (neither given). */
export interface TokenExpiry {
  expiresAt?: Date | null;
  expiresInDays?: number | null;
}

const MAX_DAYS = 3650;

function toApiToken(row: ApiTokenWithUser): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    user: toUser(row.user),
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}

function expiryOf(expiry: TokenExpiry, now: Date): Date | null {
  const { expiresAt, expiresInDays } = expiry;
  if (expiresAt != null && expiresInDays != null)
    throw new BadUserInputError('give expiresAt or expiresInDays, not both', { field: 'expiresAt' });
  if (expiresInDays != null) {
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_DAYS)
      throw new BadUserInputError(`expiresInDays: a whole number of days, 1–${MAX_DAYS}`, {
        field: 'expiresInDays',
      });
    return new Date(now.getTime() + expiresInDays * 86_400_000);
  }
  if (expiresAt != null) {
    if (Number.isNaN(expiresAt.getTime()) || expiresAt <= now)
      throw new BadUserInputError('expiresAt: must be in the future', { field: 'expiresAt' });
    return expiresAt;
  }
  return null;
}

export class ApiTokenService {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly users: UserService,
    private readonly audit: AuditService,
    private readonly revoker: SessionRevoker,
  ) {}

  async create(
    username: string,
    name: string,
    actor?: Principal,
    expiry: TokenExpiry = {},
  ): Promise<{ token: string; apiToken: ApiToken }> {
    if (!/^[\w .-]{1,64}$/.test(name))
      throw new BadUserInputError('name: 1–64 letters, digits, spaces, . _ -', { field: 'name' });
    const expiresAt = expiryOf(expiry, new Date());
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundError('User', username);
    const token = newToken('api');
    const row = await this.tokens.create({
      name,
      prefix: tokenPrefix(token),
      tokenHash: hashToken(token),
      userId: user.id,
      expiresAt,
    });
    if (row === 'exists') throw new ConflictError(`${username} already has a token named ${name}`);
    await this.audit.record({
      actorId: actor?.id ?? null,
      kind: 'token.create',
      target: `${username}/${name}`,
      detail: { tokenId: row.id, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { token, apiToken: toApiToken(row) };
  }

  async list(username?: string): Promise<ApiToken[]> {
    let userId: string | undefined;
    if (username) {
      const user = await this.users.findByUsername(username);
      if (!user) throw new NotFoundError('User', username);
      userId = user.id;
    }
    return (await this.tokens.list(userId)).map(toApiToken);
  }

  async revoke(id: string, actor?: Principal): Promise<ApiToken> {
    const row = isUuid(id) ? await this.tokens.findById(id) : null;
    if (!row) throw new NotFoundError('ApiToken', id);
    const revoked = row.revokedAt ? row : await this.tokens.revoke(id, new Date());
    if (!row.revokedAt) await this.revoker.announce(row.userId, 'token-revoked', row.tokenHash);
    await this.audit.record({
      actorId: actor?.id ?? null,
      kind: 'token.revoke',
      target: `${row.user.username}/${row.name}`,
      detail: { tokenId: id },
    });
    return toApiToken(revoked);
  }
}
