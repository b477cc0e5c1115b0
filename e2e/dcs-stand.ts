// The simulated detector stand and the dcs workers joined to an in-process hub (e2e/hub.ts started
// with `dcsCommands: true`): the Julabo on a pty polled by the workers, CAEN and ESP boards on MQTT
// under a topic root of their own, everything on the hub's database and Redis prefix — so readings,
// states and commands flow through the gateway as in production.
import { createLogger } from '@opshub/config';
import { seedDcsDemo } from '@opshub/dcs';
import { startDcsStand, type DcsStand, type DcsStandOptions } from '@opshub/simulators/dcs-stand';
import { deleteKeys, testMqttUrl, testRedisUrl } from '@opshub/testing';
import { dcsModule, startWorkers, type RunningWorkers } from '@opshub/workers';
import type { Hub } from './hub.js';

export interface HubDcsStand {
  stand: DcsStand;
  workers: RunningWorkers;
  /** Starts another set of dcs workers on the stand (the workers back after `workers.stop()`); `stop()` stops them too. */
  startWorkers(): Promise<RunningWorkers>;
  stop(): Promise<void>;
}

export interface HubDcsStandOptions {
  /** Julabo model settings; tests make the bath fast (time constant, speed). */
  julabo?: DcsStandOptions['julabo'];
  /** How often the workers poll the chiller, ms (default 300: the page sees changes quickly). */
  pollEveryMs?: number;
}

/** Registers the demo stand's devices in the hub's database, then starts the stand and the dcs workers. */
export async function startHubDcsStand(hub: Hub, options: HubDcsStandOptions = {}): Promise<HubDcsStand> {
  const log = createLogger('e2e-dcs', process.env['E2E_LOG_LEVEL'] ?? 'silent');
  // Before the workers: they create one poll scheduler per registered chiller at start.
  await seedDcsDemo(hub.db);
  const root = hub.redisPrefix;
  const stand = await startDcsStand({
    mqttUrl: testMqttUrl(),
    root,
    julabo: options.julabo ?? {},
    caen: { publishMs: 500, hv: { rampUp: 1000, rampDown: 1000 } },
    espPublishMs: 1000,
  });
  const start = () =>
    startWorkers({
      env: {
        DATABASE_URL: hub.databaseUrl,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: hub.redisPrefix,
        SESSION_TTL_HOURS: 1,
        WORKER_SHUTDOWN_MS: 5_000,
        LOG_LEVEL: 'silent',
      },
      log,
      modules: [
        dcsModule({
          databaseUrl: hub.databaseUrl,
          mqttUrl: testMqttUrl(),
          root,
          julaboPort: stand.julaboPort,
          timing: { gapMs: 10, timeoutMs: 1500 },
          pollEveryMs: options.pollEveryMs ?? 300,
          interlockEveryMs: 200,
        }),
      ],
      schedules: [],
    });
  let workers: RunningWorkers;
  try {
    workers = await start();
  } catch (e) {
    await stand.close();
    throw e;
  }
  const later: RunningWorkers[] = [];
  return {
    stand,
    workers,
    startWorkers: async () => {
      const w = await start();
      later.push(w);
      return w;
    },
    // Before hub.stop(): the workers write to the hub's database until they have stopped.
    stop: async () => {
      for (const w of [workers, ...later]) await w.stop();
      await stand.close();
      await deleteKeys(testRedisUrl(), hub.redisPrefix);
    },
  };
}
