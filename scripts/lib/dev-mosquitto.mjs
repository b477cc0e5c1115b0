// `npm run up`'s own broker when mosquitto is installed: the production broker as shipped
// (docker/mosquitto: mosquitto.conf, start.sh, TLS from make-certs.sh) on loopback ports, with the
// ACL generated for this checkout's DCS root and the identities' passwords from .env. Same wire
// (MQTT 5 too, which the bridge speaks), same identities, same grants as production.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, STATE } from './paths.mjs';

const SHIPPED = path.join(ROOT, 'docker', 'mosquitto');
export const DEV_MOSQUITTO_HOME = path.join(STATE, 'mosquitto');

export function mosquittoInstalled() {
  return !spawnSync('mosquitto', ['-h'], { stdio: 'ignore' }).error;
}

/**
 * Writes the broker's files under .opshub/mosquitto for `port` (TLS, what the hub and the
 * simulators use) and `loopbackPort` (plaintext, for up's probes); returns what to run.
 */
export function prepareDevMosquitto(env, { port, loopbackPort }) {
  const home = DEV_MOSQUITTO_HOME;
  for (const dir of ['config', 'data', 'certs']) mkdirSync(path.join(home, dir), { recursive: true });
  const generator = ['--import', '@swc-node/register/esm-register', 'simulators/src/mqtt/mosquitto-files.ts'];
  const flags = [
    ['--root', env.DCS_MQTT_ROOT],
    ['--bridge', env.MQTT_BRIDGE_USERNAME],
    ['--commands', env.MQTT_COMMANDS_USERNAME],
  ].flatMap(([flag, value]) => (value ? [flag, value] : []));
  execFileSync(process.execPath, [...generator, ...flags, '--out', path.join(home, 'config')], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  const conf = readFileSync(path.join(SHIPPED, 'mosquitto.conf'), 'utf8')
    .replaceAll('/mosquitto/', `${home}/`)
    .replace(/^listener 8883$/m, `listener ${port} 127.0.0.1`)
    .replace(/^listener 1883 127\.0\.0\.1$/m, `listener ${loopbackPort} 127.0.0.1`);
  writeFileSync(path.join(home, 'config', 'mosquitto.conf'), conf);
  const certs = path.join(home, 'certs');
  if (!existsSync(path.join(certs, 'server.crt')))
    execFileSync('sh', [path.join(SHIPPED, 'make-certs.sh'), certs, 'localhost', '127.0.0.1'], {
      stdio: 'pipe',
    });
  return {
    command: 'sh',
    args: [path.join(SHIPPED, 'start.sh')],
    // The pid file's marker: start.sh execs mosquitto with this config.
    marker: path.join(home, 'config', 'mosquitto.conf'),
    env: { PATH: process.env.PATH, MOSQUITTO_HOME: home, ...passwordsOf(env) },
    url: `mqtts://127.0.0.1:${port}`,
    loopbackUrl: `mqtt://127.0.0.1:${loopbackPort}`,
    caFile: path.join(certs, 'ca.crt'),
  };
}

function passwordsOf(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => /^MQTT_[A-Z0-9_]+_PASSWORD$/.test(k)));
}
