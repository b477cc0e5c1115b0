import 'reflect-metadata';
import { createLogger, loadEnv, stopOnSignals } from '@opshub/config';
import { ALERTS_SUBGRAPH_KEYS, startAlertsSubgraph } from './start.js';

const env = loadEnv(ALERTS_SUBGRAPH_KEYS);
const log = createLogger('alerts', env.LOG_LEVEL);
const subgraph = await startAlertsSubgraph({ env, log });
stopOnSignals(log, [() => subgraph.close()]);
