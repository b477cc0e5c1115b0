import 'reflect-metadata';
import { createLogger, loadEnv, stopOnSignals } from '@opshub/config';
import { OPS_SUBGRAPH_KEYS, startOpsSubgraph } from './start.js';

const env = loadEnv(OPS_SUBGRAPH_KEYS);
const log = createLogger('ops', env.LOG_LEVEL);
const subgraph = await startOpsSubgraph({ env, log });
stopOnSignals(log, [() => subgraph.close()]);
