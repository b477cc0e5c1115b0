import type { Db } from '@opshub/db';
import { ApiTokenRepository } from './api-token/api-token.repository.js';
import { ApiTokenService } from './api-token/api-token.service.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { SessionRepository } from './session/session.repository.js';
import { SessionService } from './session/session.service.js';
import { UserRepository } from './user/user.repository.js';
import { UserService } from './user/user.service.js';

export interface OpsServices {
  users: UserService;
  sessions: SessionService;
  tokens: ApiTokenService;
  audit: AuditService;
}

/** The composition root of the ops domain, shared by the subgraph, the CLI and the workers. */
export function createOpsServices(db: Db, options: { sessionTtlHours: number }): OpsServices {
  const audit = new AuditService(new AuditRepository(db));
  const users = new UserService(new UserRepository(db), audit);
  const tokenRepo = new ApiTokenRepository(db);
  const sessions = new SessionService(new SessionRepository(db), tokenRepo, users, audit, options.sessionTtlHours);
  const tokens = new ApiTokenService(tokenRepo, users, audit);
  return { users, sessions, tokens, audit };
}
