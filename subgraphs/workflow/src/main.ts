import 'reflect-metadata';
import { createLogger, loadEnv, stopOnSignals } from '@opshub/config';
import { WORKFLOW_SUBGRAPH_KEYS, startWorkflowSubgraph } from './start.js';

const env = loadEnv(WORKFLOW_SUBGRAPH_KEYS);
const log = createLogger('workflow', env.LOG_LEVEL);
const subgraph = await startWorkflowSubgraph({ env, log });
stopOnSignals(log, [() => subgraph.close()]);
