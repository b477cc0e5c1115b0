import { runProcess } from '@opshub/config';
import { GATEWAY_KEYS, startGateway } from './start.js';

await runProcess({
  name: 'gateway',
  keys: GATEWAY_KEYS,
  start: startGateway,
  stop: (gateway) => gateway.close(),
});
