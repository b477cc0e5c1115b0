// The simulated outside world for `npm run up`: the DCS test stand (Julabo chiller on a pty pair,
// CAEN supply and ESP sensors on MQTT). The workers reach the chiller through JULABO_PORT.
import { mkdirSync } from 'node:fs';
import { createLogger, loadEnv } from '@opshub/config';
import { startDcsStand } from './dcs-stand.js';

const env = loadEnv(['MQTT_URL', 'DCS_MQTT_ROOT', 'SIMULATORS_PTY_DIR', 'LOG_LEVEL']);
const log = createLogger('simulators', env.LOG_LEVEL);
mkdirSync(env.SIMULATORS_PTY_DIR, { recursive: true });
const stand = await startDcsStand({
  mqttUrl: env.MQTT_URL,
  root: env.DCS_MQTT_ROOT,
  ptyDir: env.SIMULATORS_PTY_DIR,
});
log.info({ julaboPort: stand.julaboPort, mqtt: env.MQTT_URL }, 'DCS test stand simulated');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    void stand.close().finally(() => process.exit(0));
  });
}
