import 'reflect-metadata';
import { runProcess } from '@opshub/config';
import { DQM_SUBGRAPH_KEYS, startDqmSubgraph } from './start.js';

await runProcess({
  name: 'dqm',
  keys: DQM_SUBGRAPH_KEYS,
  start: startDqmSubgraph,
  stop: (subgraph) => subgraph.close(),
});
