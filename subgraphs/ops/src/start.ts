import {
  startSubgraph,
  SUBGRAPH_BASE_KEYS,
  type RunningSubgraph,
  type SubgraphSettings,
} from '@opshub/subgraph-kit';
import { auditExportRoute } from './audit/audit-export.route.js';
import { authenticateRoute } from './internal/authenticate.route.js';
import { buildOpsSchema } from './schema.js';
import { createOpsServices } from './services.js';

/** Every setting the ops subgraph reads, for one `loadEnv` per process. */
export const OPS_SUBGRAPH_KEYS = [
  ...SUBGRAPH_BASE_KEYS,
  'OPS_PORT',
  'SESSION_TTL_HOURS',
  'REDIS_URL',
  'REDIS_PREFIX',
  'LOGIN_ADDRESS_ATTEMPTS',
  'LOGIN_ADDRESS_WINDOW_SECONDS',
  'LOGIN_ADDRESS_BURST',
  'LOGIN_USERNAME_FAILURES',
  'LOGIN_USERNAME_WINDOW_SECONDS',
  'PASSWORD_HASH_CONCURRENCY',
  'PASSWORD_HASH_QUEUE',
] as const;

export type OpsSubgraphSettings = SubgraphSettings<(typeof OPS_SUBGRAPH_KEYS)[number]>;

/**
 * The ops subgraph on SUBGRAPH_HOST:OPS_PORT (0: a free port, see `url`), with the gateway's
 * `/internal/authenticate`. Password hashes run in a low-priority child process.
 */
export function startOpsSubgraph(settings: OpsSubgraphSettings): Promise<RunningSubgraph> {
  return startSubgraph('ops', settings.env.OPS_PORT, settings, async ({ env, log, db, resources }) => {
    const services = resources.add(
      createOpsServices(db, {
        sessionTtlHours: env.SESSION_TTL_HOURS,
        redisUrl: env.REDIS_URL,
        redisPrefix: env.REDIS_PREFIX,
        loginLimits: {
          addressAttempts: env.LOGIN_ADDRESS_ATTEMPTS,
          addressWindowSeconds: env.LOGIN_ADDRESS_WINDOW_SECONDS,
          addressBurst: env.LOGIN_ADDRESS_BURST,
          usernameFailures: env.LOGIN_USERNAME_FAILURES,
          usernameWindowSeconds: env.LOGIN_USERNAME_WINDOW_SECONDS,
        },
        passwordHashing: {
          concurrency: env.PASSWORD_HASH_CONCURRENCY,
          maxQueue: env.PASSWORD_HASH_QUEUE,
          isolated: true,
        },
        onRedisError: (err) => log.warn({ err }, 'redis (login limits, revocations)'),
      }),
      async (s) => {
        await s.queues?.close();
        await s.close();
      },
    );
    const { schema } = await buildOpsSchema(services);
    const auditExport = auditExportRoute({ audit: services.audit, secret: env.OPSHUB_SECRET, log });
    return {
      schema,
      routes: (app) => {
        authenticateRoute(services.sessions)(app);
        auditExport(app);
      },
    };
  });
}
