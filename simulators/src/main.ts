// The simulated outside world for `npm run up`: the DCS test stand (Julabo chiller on a pty pair,
// CAEN supply and ESP sensors on MQTT). The workers reach the chiller through JULABO_PORT. Each
// device logs in to the broker as its own identity (MQTT_<ID>_PASSWORD).
import { mkdirSync, readFileSync } from 'node:fs';
import { createLogger, loadEnv, safeUrl } from '@opshub/config';
import { startDcsStand } from './dcs-stand.js';

const env = loadEnv([
  'MQTT_URL',
  'MQTT_CA_FILE',
  'MQTT_CAEN_PASSWORD',
  'MQTT_ESP01_PASSWORD',
  'MQTT_ESP02_PASSWORD',
  'MQTT_ESP03_PASSWORD',
  'DCS_MQTT_ROOT',
  'SIMULATORS_PTY_DIR',
  'LOG_LEVEL',
]);
const log = createLogger('simulators', env.LOG_LEVEL);
mkdirSync(env.SIMULATORS_PTY_DIR, { recursive: true });
const stand = await startDcsStand({
  mqttUrl: env.MQTT_URL,
  root: env.DCS_MQTT_ROOT,
  ptyDir: env.SIMULATORS_PTY_DIR,
  logins: {
    passwords: {
      caen: env.MQTT_CAEN_PASSWORD,
      ESP01: env.MQTT_ESP01_PASSWORD,
      ESP02: env.MQTT_ESP02_PASSWORD,
      ESP03: env.MQTT_ESP03_PASSWORD,
    },
    ...(env.MQTT_CA_FILE ? { ca: readFileSync(env.MQTT_CA_FILE) } : {}),
  },
});
log.info({ julaboPort: stand.julaboPort, mqtt: safeUrl(env.MQTT_URL) }, 'DCS test stand simulated');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    void stand.close().finally(() => process.exit(0));
  });
}
