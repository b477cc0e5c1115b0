import type { Db } from '@opshub/db';
import { ALL_QUEUES } from '@opshub/jobs';
import { Redis } from 'ioredis';
import { ApiTokenRepository } from './api-token/api-token.repository.js';
import { ApiTokenService } from './api-token/api-token.service.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { FailedJobRepository } from './failed-job/failed-job.repository.js';
import { FailedJobService } from './failed-job/failed-job.service.js';
import { QueueRepository } from './queue/queue.repository.js';
import { QueueService } from './queue/queue.service.js';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './session/login-limiter.js';
import {
  noRevocationPublisher,
  RedisRevocationPublisher,
  type RevocationPublisher,
} from './session/revocation.publisher.js';
import { SessionRepository } from './session/session.repository.js';
import { SessionRevoker } from './session/session.revoker.js';
import { SessionService } from './session/session.service.js';
import {
  FallbackLimitStore,
  MemoryLimitStore,
  RedisLimitStore,
  type LimitStore,
} from './session/limit-store.js';
import { PasswordHasher, type PasswordHasherOptions } from './user/password.hasher.js';
import { ChildProcessArgon2, inProcessArgon2 } from './user/password.process.js';
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
  /** Closes what the services opened themselves (the Redis connection of limits and revocations). */
  close(): Promise<void>;
}

export interface OpsServicesOptions {
  sessionTtlHours: number;
  redisUrl?: string;
  redisPrefix?: string;
  /** Sign-in limits (defaults: 20 attempts per address per minute, 10 at once; 5 failures per username per 15 min). */
  loginLimits?: Partial<LoginLimits>;
  /** Password hashing slots (default 2 at once, 8 waiting), in this process or a low-priority child (`isolated`). */
  passwordHashing?: Partial<PasswordHasherOptions>;
  /** Told when publishing a revocation fails (the revocation itself still holds). */
  onRedisError?: (error: unknown) => void;
}

/** The composition root of the ops domain, shared by the subgraph, the CLI and the workers. */
export function createOpsServices(db: Db, options: OpsServicesOptions): OpsServices {
  const prefix = options.redisPrefix ?? 'opshub';
  // Connects on first use, so processes that never sign anyone in or revoke anything open nothing.
  // Short command timeout: a login or a revocation must not hang on a dead Redis (limits fall back
  // to this process, revocations to the gateways' periodic re-check).
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 2_000 })
    : undefined;
  redis?.on('error', (error) => options.onRedisError?.(error));
  const window: LimitStore = redis
    ? new FallbackLimitStore(new RedisLimitStore(redis, prefix))
    : new MemoryLimitStore();
  const publisher: RevocationPublisher = redis
    ? new RedisRevocationPublisher(redis, prefix, options.onRedisError)
    : noRevocationPublisher;
  const hashing = { concurrency: 2, maxQueue: 8, ...options.passwordHashing };
  const hasher = new PasswordHasher(hashing, hashing.isolated ? new ChildProcessArgon2() : inProcessArgon2);

  const audit = new AuditService(new AuditRepository(db));
  const sessionRepo = new SessionRepository(db);
  const revoker = new SessionRevoker(sessionRepo, publisher);
  const users = new UserService(new UserRepository(db), audit, hasher, revoker);
  const tokenRepo = new ApiTokenRepository(db);
  const sessions = new SessionService(
    sessionRepo,
    tokenRepo,
    users,
    audit,
    revoker,
    new LoginLimiter(window, { ...DEFAULT_LOGIN_LIMITS, ...options.loginLimits }),
    options.sessionTtlHours,
  );
  const tokens = new ApiTokenService(tokenRepo, users, audit, revoker);
  const failedJobs = new FailedJobService(new FailedJobRepository(db));
  const queues = options.redisUrl
    ? new QueueService(new QueueRepository(options.redisUrl, prefix), audit, ALL_QUEUES)
    : undefined;
  return {
    users,
    sessions,
    tokens,
    audit,
    failedJobs,
    ...(queues ? { queues } : {}),
    close: async () => {
      await hasher.close();
      if (redis && redis.status !== 'wait' && redis.status !== 'end')
        await redis.quit().catch(() => undefined);
      else redis?.disconnect();
    },
  };
}
