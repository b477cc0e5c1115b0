// The simulated outside world for `npm run up` (src/start.ts). The workers reach the chiller through JULABO_PORT.
import { createLogger, loadEnv, stopOnSignals } from '@opshub/config';
import { SIMULATORS_KEYS, startSimulators } from './start.js';

const env = loadEnv(SIMULATORS_KEYS);
const log = createLogger('simulators', env.LOG_LEVEL);
const starting = startSimulators({ env, log });
// In before the start finishes: a signal during start-up stops once start-up is done.
stopOnSignals(log, [async () => (await starting).close()]);
await starting;
