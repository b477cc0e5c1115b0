import 'reflect-metadata';
import { createLogger, loadEnv } from '@opshub/config';
import { stopOnSignals } from '@opshub/subgraph-kit';
import { DQM_SUBGRAPH_KEYS, startDqmSubgraph } from './start.js';

const env = loadEnv(DQM_SUBGRAPH_KEYS);
const log = createLogger('dqm', env.LOG_LEVEL);
const subgraph = await startDqmSubgraph({ env, log });
stopOnSignals(log, [() => subgraph.close()]);
