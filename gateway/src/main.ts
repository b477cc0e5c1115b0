import cluster from 'node:cluster';
import { createLogger, loadEnv, stopOnSignals } from '@opshub/config';
import { gatewayProcessCount, runClusterWorker, runGatewayCluster } from './cluster.js';
import { GATEWAY_KEYS, startGateway } from './start.js';

// Settings are validated here once, in the primary too, so a bad one fails once rather than in each worker.
const env = loadEnv([...GATEWAY_KEYS, 'LOG_LEVEL']);
const workers = gatewayProcessCount(env.GATEWAY_WORKERS);

if (cluster.isWorker) {
  const log = createLogger('gateway', env.LOG_LEVEL).child({ worker: cluster.worker?.id, pid: process.pid });
  await runClusterWorker({
    log,
    start: () => startGateway({ env, log }),
    stop: (gateway) => gateway.close(),
  });
} else if (workers > 1) {
  const log = createLogger('gateway', env.LOG_LEVEL);
  process.exitCode = await runGatewayCluster({ workers, log });
} else {
  // One process (GATEWAY_WORKERS=1): this one serves, as before the cluster existed.
  const log = createLogger('gateway', env.LOG_LEVEL);
  const starting = startGateway({ env, log });
  stopOnSignals(log, [async () => (await starting).close()]);
  await starting;
}
