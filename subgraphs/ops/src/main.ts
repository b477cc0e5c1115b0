import 'reflect-metadata';
import { runProcess } from '@opshub/config';
import { OPS_SUBGRAPH_KEYS, startOpsSubgraph } from './start.js';

await runProcess({
  name: 'ops',
  keys: OPS_SUBGRAPH_KEYS,
  start: startOpsSubgraph,
  stop: (subgraph) => subgraph.close(),
});
