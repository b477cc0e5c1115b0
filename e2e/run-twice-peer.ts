// A second hub process for e2e/run-twice.test.ts: a gateway (ROLE=gateway) in front of the hub's
// subgraphs, or a workers process (ROLE=workers) with the ops and workflow modules and the test's
// schedules, on the hub's database, Redis and prefix. It compiles and prints `loaded`, starts on a
// line on stdin (so a test can stagger starts without waiting for a compilation), then prints
// `ready <gateway url>` or `ready`. SIGTERM or the end of stdin stops it gracefully.
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { createLogger, loadEnv } from '@opshub/config';
import { GATEWAY_KEYS, startGateway } from '@opshub/gateway';
import {
  DEFAULT_RETENTION,
  opsModule,
  schedule,
  startWorkers,
  workflowModule,
  type JobSchedule,
} from '@opshub/workers';

/** What the test hands over (JSON in RUN_TWICE). */
export interface PeerSettings {
  role: 'gateway' | 'workers';
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  secret: string;
  /** Subgraph URL settings (OPS_SUBGRAPH_URL…), for the gateway. */
  subgraphUrls: Record<string, string>;
  productRoot: string;
  archiveRoot: string;
  seed: string;
  /** The outbox relay's period here, ms (the production list has 10 s). */
  relayEveryMs: number;
}

const settings = JSON.parse(process.env['RUN_TWICE'] ?? '{}') as PeerSettings;
const log = createLogger(`run-twice-${settings.role}`, process.env['E2E_LOG_LEVEL'] ?? 'silent');
const lines = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
process.stdout.write('loaded\n');
await go;

let stop: () => Promise<unknown>;
if (settings.role === 'gateway') {
  const gateway = await startGateway({
    env: loadEnv(GATEWAY_KEYS, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      OPSHUB_SECRET: settings.secret,
      REDIS_URL: settings.redisUrl,
      REDIS_PREFIX: settings.redisPrefix,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      ...settings.subgraphUrls,
    }),
    log,
  });
  stop = () => gateway.close();
  process.stdout.write(`ready ${gateway.url}\n`);
} else {
  const schedules: JobSchedule[] = [
    schedule({
      id: 'outbox-relay',
      job: 'outbox-relay',
      every: settings.relayEveryMs,
      data: { olderThanMs: 5_000 },
    }),
  ];
  const workers = await startWorkers({
    env: {
      DATABASE_URL: settings.databaseUrl,
      REDIS_URL: settings.redisUrl,
      REDIS_PREFIX: settings.redisPrefix,
      SESSION_TTL_HOURS: 1,
      WORKER_SHUTDOWN_MS: 2_000,
      LOG_LEVEL: 'silent',
    },
    log,
    modules: [
      opsModule(DEFAULT_RETENTION),
      workflowModule({
        productRoot: settings.productRoot,
        archiveRoot: settings.archiveRoot,
        pipelineMs: 0,
        failureRate: 0,
        pipelineConcurrency: 2,
        seed: settings.seed,
        demo: { enabled: false, everyMs: 60_000 },
      }),
    ],
    schedules,
  });
  stop = () => workers.stop();
  process.stdout.write('ready\n');
}
const shutdown = () => void stop().finally(() => process.exit(0));
process.once('SIGTERM', shutdown);
lines.once('close', shutdown);
