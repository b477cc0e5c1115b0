import 'reflect-metadata';
import { runProcess } from '@opshub/config';
import { DCS_SUBGRAPH_KEYS, startDcsSubgraph } from './start.js';

await runProcess({
  name: 'dcs',
  keys: DCS_SUBGRAPH_KEYS,
  start: startDcsSubgraph,
  stop: (subgraph) => subgraph.close(),
});
