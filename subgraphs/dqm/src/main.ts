import 'reflect-metadata';
import { createLogger, loadEnv, stopOnSignals } from '@opshub/config';
import { DQM_SUBGRAPH_KEYS, startDqmSubgraph } from './start.js';

const env = loadEnv(DQM_SUBGRAPH_KEYS);
const log = createLogger('dqm', env.LOG_LEVEL);
const subgraph = await startDqmSubgraph({ env, log });
stopOnSignals(log, [() => subgraph.close()]);
