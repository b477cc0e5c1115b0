import { z } from 'zod';
import { productionSecretProblems } from './secrets.js';
import { SUBGRAPHS, type Subgraph } from './subgraphs.js';

/** Thrown when the environment is invalid; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number().int().min(0).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const portDefault = (value: number) => port.default(value);
const optionalUrl = z.string().url().optional();
// Keyed by the subgraph list so that a new subgraph gets its settings from its one entry there.
const subgraphPorts = Object.fromEntries(SUBGRAPHS.map((s) => [s.portKey, portDefault(s.defaultPort)])) as {
  [S in Subgraph as S['portKey']]: ReturnType<typeof portDefault>;
};
const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s.urlKey, optionalUrl])) as {
  [S in Subgraph as S['urlKey']]: typeof optionalUrl;
};

/** Every setting opshub reads. Each process picks the subset it needs. */
export const envSchema = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().startsWith('postgres'),
  /**
   * A streaming read replica of DATABASE_URL (optional). Every subgraph sends its reads outside transactions
   * there and everything else to DATABASE_URL; reads go to the primary while it is down, and for 2 s after the
   * process wrote (docs/operations.md). A write that reaches it fails with READ_ONLY_REPLICA.
   */
  DATABASE_REPLICA_URL: z.string().url().startsWith('postgres').optional(),
  REDIS_URL: z.string().url().startsWith('redis'),
  REDIS_PREFIX: z.string().default('opshub'),
  MQTT_URL: z.string().url(),
  OPSHUB_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** The demo admin's password, used by the seed (`npm run up` generates one into .env). */
  OPSHUB_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Loopback by default (issue 7, M10): the dev hub is not on the network; containers set 0.0.0.0 explicitly. */
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: port.default(4000),
  SUBGRAPH_HOST: z.string().default('127.0.0.1'),
  // <NAME>_PORT of each subgraph, defaults from packages/config/src/subgraphs.ts (4101–4105).
  ...subgraphPorts,
  // <NAME>_SUBGRAPH_URL: full subgraph URLs for the gateway when each subgraph runs on its own host (containers); else SUBGRAPH_HOST:<port>.
  ...subgraphUrls,
  WEB_DIST: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  SIMULATORS: bool.default(true),
  /** MQTT topic root of the DCS devices ('' = the real stand's bare topics). */
  DCS_MQTT_ROOT: z.string().default(''),
  /** Serial port of the Julabo chiller, overriding its device config (the simulated stand's pty). */
  JULABO_PORT: z.string().optional(),
  /** Where the simulated stand links its pty pair (npm run up: .opshub/pty; the workers use <dir>/julabo-host). */
  SIMULATORS_PTY_DIR: z.string().default('.opshub/pty'),
  WORKER_SHUTDOWN_MS: z.coerce.number().int().positive().default(10_000),
  /** Workflow product store (one directory per site below it) and archive (NGAS) directories. */
  WORKFLOW_PRODUCT_ROOT: z.string().default('.opshub/products'),
  WORKFLOW_ARCHIVE_ROOT: z.string().default('.opshub/archive'),
  /** Workflow: how long a simulated pipeline run takes, and how many run at once per executive. */
  WORKFLOW_PIPELINE_MS: z.coerce.number().int().min(0).default(3_000),
  WORKFLOW_PIPELINE_CONCURRENCY: z.coerce.number().int().positive().default(2),
  /** Workflow: seed of the batch helper's and the pipeline's draws (unset: random per process). */
  WORKFLOW_SEED: z.string().optional(),
  /** Workflow demo (npm run up): a new OUS every WORKFLOW_DEMO_EVERY_MS, assigned and reviewed by itself. */
  WORKFLOW_DEMO: bool.default(false),
  WORKFLOW_DEMO_EVERY_MS: z.coerce.number().int().positive().default(15_000),
  /** ops login limits: attempts per client address per window, and failures per username per window. */
  LOGIN_ADDRESS_ATTEMPTS: z.coerce.number().int().positive().default(20),
  LOGIN_ADDRESS_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  /** …of which at most this many at once (token bucket burst). */
  LOGIN_ADDRESS_BURST: z.coerce.number().int().positive().default(10),
  LOGIN_USERNAME_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_USERNAME_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** ops: password hashes computed at once, and how many may wait before sign-ins are refused (RATE_LIMITED). */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().positive().default(2),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).default(8),
  /** dcs: a device command's deadline after it is issued; the mutation waits this long, no worker sends it later. */
  DCS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(20_000),
  /** Event streams: a resume point (`after`) older than this is refused with RESUME_TOO_OLD (refetch, then subscribe). */
  EVENTS_REPLAY_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(3_600),
  /** Producers (subgraphs enqueueing jobs): an enqueue Redis has not taken within this fails with SERVICE_UNAVAILABLE. */
  REDIS_ENQUEUE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /** Retention (the workers' `retention` job, hourly): what is deleted once older than each bound. */
  RETENTION_SESSION_HOURS: z.coerce.number().min(0).default(24),
  RETENTION_FAILED_LOGIN_DAYS: z.coerce.number().min(0).default(30),
  RETENTION_AUDIT_DAYS: z.coerce.number().min(0).default(400),
  RETENTION_DEAD_LETTER_DAYS: z.coerce.number().min(0).default(30),
  RETENTION_FAILED_JOB_DAYS: z.coerce.number().min(0).default(90),
  RETENTION_OUTBOX_HOURS: z.coerce.number().min(0).default(24),
  RETENTION_MQTT_RECEIPT_HOURS: z.coerce.number().min(0).default(24),
  /** Browser origins allowed to open the gateway's WebSocket besides its own (comma-separated); unset: localhost pages. */
  GATEWAY_ALLOWED_ORIGINS: z.string().optional(),
  // MQTT identities (issue 7, C1): MQTT_URL carries no credentials; each process logs in as its own.
  /** CA certificate (PEM file) that signed the broker's certificate, for an mqtts:// MQTT_URL. */
  MQTT_CA_FILE: z.string().optional(),
  /** The workers' bridge (reads device status) and command publisher (the only one that sends commands). */
  MQTT_BRIDGE_USERNAME: z.string().min(1).default('opshub-bridge'),
  MQTT_BRIDGE_PASSWORD: z.string().min(1).optional(),
  MQTT_COMMANDS_USERNAME: z.string().min(1).default('opshub-commands'),
  MQTT_COMMANDS_PASSWORD: z.string().min(1).optional(),
  /** Device identities (username = device id): the simulators log in with these, the dev broker checks them. */
  MQTT_CAEN_PASSWORD: z.string().min(1).optional(),
  MQTT_JULABO_PASSWORD: z.string().min(1).optional(),
  MQTT_ESP01_PASSWORD: z.string().min(1).optional(),
  MQTT_ESP02_PASSWORD: z.string().min(1).optional(),
  MQTT_ESP03_PASSWORD: z.string().min(1).optional(),
  /** Gateway: how long a subgraph fetch may take (queries, entity fetches) before UPSTREAM_UNAVAILABLE. */
  GATEWAY_SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Gateway: the same for mutation fetches (DCS commands wait up to 20 s for the workers). */
  GATEWAY_MUTATION_TIMEOUT_MS: z.coerce.number().int().positive().default(25_000),
  /** Gateway: the static cost budget of one operation (list sizes × nesting, totalCount, entity hops). */
  GATEWAY_MAX_QUERY_COST: z.coerce.number().int().positive().default(10_000),
  /** Gateway: proxies whose X-Forwarded-For/-Proto are believed (addresses, CIDRs, `loopback`, `private`; comma separated). */
  GATEWAY_TRUSTED_PROXIES: z.string().optional(),
  /** Gateway: bearer token for /metrics on the public port (unset: /metrics only on GATEWAY_ADMIN_PORT, if set). */
  GATEWAY_METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Gateway: a second listener for /metrics, /healthz, /readyz without a token, on GATEWAY_ADMIN_HOST. */
  GATEWAY_ADMIN_PORT: port.optional(),
  GATEWAY_ADMIN_HOST: z.string().default('127.0.0.1'),
  /** The demo operator's and viewer's passwords, used by the seed (`npm run up` generates distinct ones into .env). */
  OPSHUB_OPERATOR_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  OPSHUB_VIEWER_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /**
   * MQTT protocol of the workers' bridge: 5 (default: the broker honours its Receive Maximum, so
   * unacknowledged messages are bounded at the broker) or 4 (3.1.1, for brokers without MQTT 5 such
   * as the embedded aedes broker of `npm run up`; the bridge then bounds its buffer by reading less).
   */
  MQTT_PROTOCOL_VERSION: z
    .enum(['4', '5'])
    .default('5')
    .transform((v) => Number(v) as 4 | 5),
  /** NectarCAM results directory the workers register as a source at start (`npm run up`: the simulator's). */
  NECTARCAM_SOURCE_URL: z.string().url().optional(),
  /** How often the workers pull every enabled NectarCAM source, ms. */
  NECTARCAM_PULL_EVERY_MS: z.coerce.number().int().positive().default(60_000),
  /** A NectarCAM results tarball larger than this, downloaded or inflated, is quarantined (bytes). */
  NECTARCAM_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(512 * 2 ** 20),
  /** Simulators: the NectarCAM results server's port (unset: not started) and how often it adds a run, ms. */
  NECTARCAM_SIM_PORT: port.optional(),
  NECTARCAM_SIM_EVERY_MS: z.coerce.number().int().positive().default(120_000),
  /** DQM² agents the workers register at start: `<PRODUCTION|PLAYBACK>=<base URL>`, comma separated (`npm run up`: the simulator's). */
  DQM_SQUARE_AGENTS: z
    .string()
    .regex(
      /^((PRODUCTION|PLAYBACK)=https?:\/\/[^,\s]+)(,(PRODUCTION|PLAYBACK)=https?:\/\/[^,\s]+)*$/,
      'must be CLUSTER=url[,CLUSTER=url…]',
    )
    .optional(),
  /** DQM² sync: how often each agent is synced, ms; each request's deadline, ms; documents per request_documents. */
  DQM_SQUARE_SYNC_EVERY_MS: z.coerce.number().int().positive().default(5_000),
  DQM_SQUARE_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  DQM_SQUARE_BATCH: z.coerce.number().int().min(1).max(5_000).default(250),
  /** DQM²: keep the jobs' log head and tail (host names and paths replaced); off, no log text is stored. */
  DQM_SQUARE_KEEP_LOGS: bool.default(false),
  /** DQM²: how long the 30 s host status rows are kept, hours. */
  DQM_SQUARE_STATUS_RETENTION_HOURS: z.coerce.number().positive().default(72),
  /** DQM² agents' control-room cookie secret: the simulated agents check it, the workers register them with it. */
  DQM_AGENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Simulators: the first simulated DQM agent's port (six on consecutive ports; unset: none) and its lumisection, ms. */
  DQM_AGENTS_SIM_PORT: port.optional(),
  DQM_AGENTS_SIM_STEP_MS: z.coerce.number().int().positive().default(23_311),
  /**
   * DQM²: the key of the host names' pseudonyms (an HMAC), the same for the dqm subgraph and the workers
   * (`npm run up` writes one; compose passes OPSHUB_DQM_PSEUDONYM_KEY). Unset: the workers do not sync the agents.
   */
  DQM_PSEUDONYM_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Alerts read-only SQL: the statement timeout of `sqlQuery` and `/db/runsqlquery/`, ms. */
  ALERTS_SQL_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** Alerts read-only SQL: rows `sqlQuery` returns at most (`truncated` beyond); `/db/runsqlquery/` refuses more. */
  ALERTS_SQL_MAX_ROWS: z.coerce.number().int().positive().default(10_000),
  /** Alerts read-only SQL: the timeout of a submitted run (each fetch and the whole run), ms. */
  ALERTS_SQL_RUN_TIMEOUT_MS: z.coerce.number().int().positive().default(600_000),
  /** Alerts read-only SQL: submitted runs executing at once, across every worker process. */
  ALERTS_SQL_CONCURRENCY: z.coerce.number().int().positive().default(2),
  /** Alerts read-only SQL: where submitted runs' CSV and JSON files are written (workers) and served from (subgraph). */
  ALERTS_SQL_RESULTS_DIR: z.string().default('.opshub/products/sql-runs'),
  /** An alert source the workers register at start (`npm run up`: the simulated alert stream's); unset: only those added with addAlertSource. */
  ALERT_SOURCE_URL: z.string().url().optional(),
  /** How often the workers pull every alert source not backing off, ms; each request's deadline, ms. */
  ALERT_SOURCE_PULL_EVERY_MS: z.coerce.number().int().positive().default(5_000),
  ALERT_SOURCE_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Simulators: the alert stream's port (unset: not started) and how often it serves a new batch, ms. */
  ALERT_STREAM_SIM_PORT: port.optional(),
  ALERT_STREAM_SIM_EVERY_MS: z.coerce.number().int().positive().default(4_000),
  /** A broker source (classifications served after a cursor) the workers register at start (`npm run up`: the simulated broker's). */
  BROKER_SOURCE_URL: z.string().url().optional(),
  /** How often the workers pull every broker source, ms. */
  BROKER_PULL_EVERY_MS: z.coerce.number().int().positive().default(10_000),
  /** Simulators: the pull broker's port (unset: not started); it follows the simulated alert stream. */
  BROKER_SIM_PORT: port.optional(),
  /** The demo broker account's password (VIEWER+BROKER; the seed creates it when set, `npm run up` generates it into .env). */
  OPSHUB_BROKER_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /**
   * Simulators: the hub (gateway) a push broker PUTs its classifications to, at
   * `<url>/elasticc2/brokermessage/`, signed in as BROKER_PUSH_USERNAME with OPSHUB_BROKER_PASSWORD
   * (unset, or without the password or the alert stream: no push broker).
   */
  BROKER_PUSH_HUB_URL: z.string().url().optional(),
  BROKER_PUSH_USERNAME: z.string().min(1).default('broker'),
  /** The hub `npm run opshub -- subscribe` connects to (its gateway, with or without `/graphql`). */
  OPSHUB_URL: z.string().url().default('http://localhost:4000'),
  /** A session or API token for `npm run opshub -- subscribe` (its `--token` wins). */
  OPSHUB_TOKEN: z.string().min(1).optional(),
  /** Workers: the port of each workers process's /metrics and /healthz listener (unset: none; 0: a free port). */
  WORKERS_METRICS_PORT: port.optional(),
  WORKERS_METRICS_HOST: z.string().default('127.0.0.1'),
  /** Gateway: processes serving the port (node:cluster); unset: one per core; 1: no cluster, the process itself. */
  GATEWAY_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Gateway: identical subgraph reads in flight at once, for the same caller scope, are sent once (shared answer). */
  GATEWAY_DEDUPLICATE_FETCHES: bool.default(true),
  /**
   * MQTT 5 shared-subscription group of the workers' bridges: every workers process subscribes as
   * `$share/<group>/<topic>`, so each reading goes to one of them and is stored once ('' = plain
   * subscriptions: one workers process only; MQTT 3.1.1 brokers never share).
   */
  MQTT_SHARE_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only')
    .default('opshub-bridge'),
} as const;

export type EnvKey = keyof typeof envSchema;
export type Env<K extends EnvKey> = { [P in K]: z.output<(typeof envSchema)[P]> };

/**
 * Reads and validates the given keys from `source` (default `process.env`) once.
 * Throws a ConfigError naming every missing or invalid setting.
 */
export function loadEnv<K extends EnvKey>(
  keys: readonly K[],
  source: Record<string, string | undefined> = process.env,
): Env<K> {
  const shape = Object.fromEntries(keys.map((k) => [k, envSchema[k]])) as { [P in K]: (typeof envSchema)[P] };
  const input = Object.fromEntries(keys.map((k) => [k, source[k] === '' ? undefined : source[k]]));
  const result = z.object(shape).safeParse(input);
  const problems = result.success
    ? []
    : result.error.issues.map(
        (i) =>
          `${i.path.join('.')}: ${i.message}${input[String(i.path[0])] === undefined ? ' (not set)' : ''}`,
      );
  // Placeholders and weak secrets pass the schema (a copied env.example is long enough); production refuses them.
  if (source['NODE_ENV'] === 'production') problems.push(...productionSecretProblems(input));
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  return result.data as Env<K>;
}
