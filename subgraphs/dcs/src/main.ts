import 'reflect-metadata';
import { createLogger, loadEnv, stopOnSignals } from '@opshub/config';
import { DCS_SUBGRAPH_KEYS, startDcsSubgraph } from './start.js';

const env = loadEnv(DCS_SUBGRAPH_KEYS);
const log = createLogger('dcs', env.LOG_LEVEL);
const subgraph = await startDcsSubgraph({ env, log });
stopOnSignals(log, [() => subgraph.close()]);
