import 'reflect-metadata';
import { runProcess } from '@opshub/config';
import { ALERTS_SUBGRAPH_KEYS, startAlertsSubgraph } from './start.js';

await runProcess({
  name: 'alerts',
  keys: ALERTS_SUBGRAPH_KEYS,
  start: startAlertsSubgraph,
  stop: (subgraph) => subgraph.close(),
});
