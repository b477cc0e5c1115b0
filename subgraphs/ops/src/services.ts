import type { Db } from '@opshub/db';
import { ALL_QUEUES } from '@opshub/jobs';
import { ApiTokenRepository } from './api-token/api-token.repository.js';
import { ApiTokenService } from './api-token/api-token.service.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { FailedJobRepository } from './failed-job/failed-job.repository.js';
import { FailedJobService } from './failed-job/failed-job.service.js';
import { QueueGateway } from './queue/queue.gateway.js';
import { QueueService } from './queue/queue.service.js';
import { SessionRepository } from './session/session.repository.js';
import { SessionService } from './session/session.service.js';
import { UserRepository } from './user/user.repository.js';
import { UserService } from './user/user.service.js';

export interface OpsServices {
  users: UserService;
  sessions: SessionService;
  tokens: ApiTokenService;
  audit: AuditService;
  failedJobs: FailedJobService;
  /** BullMQ queues: present only when Redis was given (the CLI runs without it). Close it on shutdown. */
  queues?: QueueService;
}

export interface OpsServicesOptions {
  sessionTtlHours: number;
  redisUrl?: string;
  redisPrefix?: string;
}

/** The composition root of the ops domain, shared by the subgraph, the CLI and the workers. */
export function createOpsServices(db: Db, options: OpsServicesOptions): OpsServices {
  const audit = new AuditService(new AuditRepository(db));
  const users = new UserService(new UserRepository(db), audit);
  const tokenRepo = new ApiTokenRepository(db);
  const sessions = new SessionService(
    new SessionRepository(db),
    tokenRepo,
    users,
    audit,
    options.sessionTtlHours,
  );
  const tokens = new ApiTokenService(tokenRepo, users, audit);
  const failedJobs = new FailedJobService(new FailedJobRepository(db));
  const queues = options.redisUrl
    ? new QueueService(new QueueGateway(options.redisUrl, options.redisPrefix ?? 'opshub'), audit, ALL_QUEUES)
    : undefined;
  return { users, sessions, tokens, audit, failedJobs, ...(queues ? { queues } : {}) };
}
