// The simulated outside world for `npm run up` (src/start.ts). The workers reach the chiller through JULABO_PORT.
import { runProcess } from '@opshub/config';
import { SIMULATORS_KEYS, startSimulators } from './start.js';

await runProcess({
  name: 'simulators',
  keys: SIMULATORS_KEYS,
  start: startSimulators,
  stop: (s) => s.close(),
});
