import 'reflect-metadata';
import { runProcess } from '@opshub/config';
import { WORKFLOW_SUBGRAPH_KEYS, startWorkflowSubgraph } from './start.js';

await runProcess({
  name: 'workflow',
  keys: WORKFLOW_SUBGRAPH_KEYS,
  start: startWorkflowSubgraph,
  stop: (subgraph) => subgraph.close(),
});
