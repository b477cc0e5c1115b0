// The MQTT identities of `npm run up` (issue 7, C1): the same list the production broker ships
// (docker/mosquitto/identities, generated from simulators/src/mqtt/mqtt-identities.ts), read as a
// file because up.mjs runs before node_modules exist. Each gets a random password in .env.
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.mjs';

/** [{ username, key }] for every identity whose password is a setting (MQTT_<ID>_PASSWORD). */
export function mqttIdentities() {
  return readFileSync(path.join(ROOT, 'docker', 'mosquitto', 'identities'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [username, key] = line.trim().split(/\s+/);
      return { username, key };
    });
}

/** A fresh password for each identity that `env` lacks: { KEY: password }. */
export function missingMqttPasswords(env) {
  return Object.fromEntries(
    mqttIdentities()
      .filter(({ key }) => !env[key])
      .map(({ key }) => [key, randomBytes(18).toString('base64url')]),
  );
}

/** Appends `vars` to an existing env file (never rewriting what is there) and keeps it private. */
export function appendToEnvFile(file, vars, comment) {
  const text = readFileSync(file, 'utf8');
  const lines = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
  appendFileSync(
    file,
    `${text.endsWith('\n') || text === '' ? '' : '\n'}# ${comment}\n${lines.join('\n')}\n`,
  );
  chmodSync(file, 0o600);
}
