// npm run up: the .env file, written on the first run and completed on later ones.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { missingDemoPasswords } from '../lib/demo-users.mjs';
import { formatEnv, readEnvFile } from '../lib/env-file.mjs';
import { appendToEnvFile, missingMqttPasswords } from '../lib/mqtt-identities.mjs';
import { ENV_FILE } from '../lib/paths.mjs';
import { say } from './report.mjs';

/**
 * Writes .env with local defaults on the first run; never rewrites an existing one, only appends
 * the MQTT identities' passwords it lacks (each device and hub service logs in as itself) and the
 * demo users' (each its own).
 */
export function ensureEnvFile() {
  if (existsSync(ENV_FILE)) {
    const env = readEnvFile(ENV_FILE);
    const added = missingMqttPasswords(env);
    if (Object.keys(added).length) {
      appendToEnvFile(
        ENV_FILE,
        added,
        `MQTT identities' passwords, added by npm run up on ${new Date().toISOString()}`,
      );
      say(`Added to .env a password for each MQTT identity it lacked: ${Object.keys(added).join(', ')}`);
    }
    const demo = missingDemoPasswords(env);
    if (Object.keys(demo).length) {
      appendToEnvFile(
        ENV_FILE,
        demo,
        `demo users' passwords (one each), added by npm run up on ${new Date().toISOString()}`,
      );
      say(`Added to .env a password for each demo user it lacked: ${Object.keys(demo).join(', ')}`);
    }
    const dqm = env.DQM_PSEUDONYM_KEY ? {} : { DQM_PSEUDONYM_KEY: randomBytes(32).toString('base64url') };
    if (Object.keys(dqm).length) {
      appendToEnvFile(
        ENV_FILE,
        dqm,
        `DQM² host pseudonyms' key, added by npm run up on ${new Date().toISOString()}`,
      );
      say('Added to .env a DQM_PSEUDONYM_KEY (the DQM² host pseudonyms)');
    }
    return { ...env, ...added, ...demo, ...dqm };
  }
  const defaults = {
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/opshub',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: 'opshub',
    MQTT_URL: 'mqtt://127.0.0.1:1883',
    OPSHUB_SECRET: randomBytes(48).toString('base64url'),
    DQM_PSEUDONYM_KEY: randomBytes(32).toString('base64url'),
    // One password per demo user (admin, operator, viewer).
    ...missingDemoPasswords({}),
    GATEWAY_PORT: '4000',
    WEB_DIST: 'web/dist',
    // One password per MQTT identity (docker/mosquitto/identities): the hub's bridge and command publisher, each device.
    ...missingMqttPasswords({}),
  };
  writeFileSync(
    ENV_FILE,
    `# Written by npm run up on ${new Date().toISOString()}; edit freely, up never overwrites it.\n${formatEnv(defaults)}\n`,
    { mode: 0o600 },
  );
  say('Wrote .env with local defaults (a new OPSHUB_SECRET, a password per demo user and per MQTT identity)');
  return defaults;
}
