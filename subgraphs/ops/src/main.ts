import 'reflect-metadata';
import { createLogger, loadEnv } from '@opshub/config';
import { stopOnSignals } from '@opshub/subgraph-kit';
import { OPS_SUBGRAPH_KEYS, startOpsSubgraph } from './start.js';

const env = loadEnv(OPS_SUBGRAPH_KEYS);
const log = createLogger('ops', env.LOG_LEVEL);
const subgraph = await startOpsSubgraph({ env, log });
stopOnSignals(log, [() => subgraph.close()]);
