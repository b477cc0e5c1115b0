import type { Principal } from '@opshub/auth';
import { prismaErrorCode, UNIQUE_VIOLATION } from '@opshub/db';
import { BadUserInputError, ConflictError, NotFoundError } from '@opshub/errors';
import type { AuditService } from '../audit/audit.service.js';
import { hashToken, newToken } from '../session/token-hash.js';
import { toUser } from '../user/user.service.js';
import type { UserService } from '../user/user.service.js';
import type { ApiToken } from './api-token.type.js';
import type { ApiTokenRepository, ApiTokenWithUser } from './api-token.repository.js';

function toApiToken(row: ApiTokenWithUser): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    user: toUser(row.user),
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

export class ApiTokenService {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly users: UserService,
    private readonly audit: AuditService,
  ) {}

  async create(
    username: string,
    name: string,
    actor?: Principal,
  ): Promise<{ token: string; apiToken: ApiToken }> {
    if (!/^[\w .-]{1,64}$/.test(name))
      throw new BadUserInputError('name: 1–64 letters, digits, spaces, . _ -', { field: 'name' });
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundError('User', username);
    const token = newToken('api');
    try {
      const row = await this.tokens.create({
        name,
        prefix: token.slice(0, 10),
        tokenHash: hashToken(token),
        userId: user.id,
      });
      await this.audit.record({
        actorId: actor?.id ?? null,
        kind: 'token.create',
        target: `${username}/${name}`,
        detail: { tokenId: row.id },
      });
      return { token, apiToken: toApiToken(row) };
    } catch (error) {
      if (prismaErrorCode(error) === UNIQUE_VIOLATION)
        throw new ConflictError(`${username} already has a token named ${name}`);
      throw error;
    }
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
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.tokens.findById(id) : null;
    if (!row) throw new NotFoundError('ApiToken', id);
    const revoked = row.revokedAt ? row : await this.tokens.revoke(id, new Date());
    await this.audit.record({
      actorId: actor?.id ?? null,
      kind: 'token.revoke',
      target: `${row.user.username}/${row.name}`,
      detail: { tokenId: id },
    });
    return toApiToken(revoked);
  }
}
