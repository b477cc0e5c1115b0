import { createLogger, loadEnv, stopOnSignals } from '@opshub/config';
import { GATEWAY_KEYS, startGateway } from './start.js';

const env = loadEnv(GATEWAY_KEYS);
const log = createLogger('gateway', env.LOG_LEVEL);
const starting = startGateway({ env, log });
// In before the start finishes: a signal during start-up stops once start-up is done. Bounded (10 s):
// a stuck drain must not keep the process from exiting.
stopOnSignals(log, [async () => (await starting).close()]);
await starting;
