// npm run up: Postgres and the MQTT broker, found running or started embedded.
import { mosquittoInstalled, prepareDevMosquitto } from '../lib/dev-mosquitto.mjs';
import { ensureEmbeddedPostgres } from '../lib/embedded-postgres.mjs';
import { readEnvFile } from '../lib/env-file.mjs';
import { mqttIdentities } from '../lib/mqtt-identities.mjs';
import { RUNTIME_ENV_FILE } from '../lib/paths.mjs';
import { freePort, mqttAnswers, mqttConnack, portFree, postgresAnswers, waitFor } from '../lib/probe.mjs';
import { isOurs, readPidFile, startDetached, stopByPidFile } from '../lib/processes.mjs';
import { Failure, say, TS } from './report.mjs';

export async function ensurePostgres(env, overrides) {
  if (await postgresAnswers(env.DATABASE_URL))
    return say(`Postgres answers at ${new URL(env.DATABASE_URL).host}`);
  say(`No Postgres answers at ${new URL(env.DATABASE_URL).host}: using embedded Postgres`);
  overrides.DATABASE_URL = await ensureEmbeddedPostgres(env.DATABASE_URL, say);
}

/** The broker's answer to the hub's bridge identity (0 = accepted), as the workers will log in. */
function bridgeLogin(url, env) {
  return mqttConnack(url, {
    username: env.MQTT_BRIDGE_USERNAME || 'opshub-bridge',
    password: env.MQTT_BRIDGE_PASSWORD ?? '',
  });
}

export async function ensureMqtt(env, overrides) {
  if (await mqttAnswers(env.MQTT_URL)) {
    say(`MQTT broker answers at ${env.MQTT_URL}`);
    // Someone else's broker: say plainly when it lets anyone in or does not know our identities.
    if ((await mqttConnack(env.MQTT_URL)) === 0)
      say(
        '  warning: it accepts anonymous clients, so it enforces no identities and no ACL (anything can send device commands)',
      );
    else if ((await bridgeLogin(env.MQTT_URL, env)) !== 0)
      say(
        `  warning: it refuses the bridge identity ${env.MQTT_BRIDGE_USERNAME || 'opshub-bridge'}: give it the identities of docker/mosquitto/identities with the passwords in .env`,
      );
    return;
  }
  const runtime = readEnvFile(RUNTIME_ENV_FILE);
  const previous = runtime.MQTT_URL;
  const broker = readPidFile('mqtt');
  // Reused only while it still knows the passwords in .env (they are read when it starts); our
  // mosquitto is probed on its plaintext loopback twin of the TLS port.
  if (
    previous &&
    broker &&
    isOurs(broker) &&
    (await bridgeLogin(runtime.MQTT_PROBE_URL || previous, env)) === 0
  ) {
    for (const key of ['MQTT_URL', 'MQTT_CA_FILE', 'MQTT_PROBE_URL', 'MQTT_PROTOCOL_VERSION'])
      if (runtime[key]) overrides[key] = runtime[key];
    return say(`Our MQTT broker is already running at ${previous}`);
  }
  await stopByPidFile('mqtt');
  const identities = `${mqttIdentities().length} identities with their passwords from .env, the production ACL`;
  if (mosquittoInstalled()) {
    const dev = prepareDevMosquitto(env, { port: await freePort(), loopbackPort: await freePort() });
    say(
      `No MQTT broker answers at ${env.MQTT_URL}: starting mosquitto as in production at ${dev.url} (TLS, ${identities})`,
    );
    const handle = startDetached('mqtt', dev.args, dev.env, { command: dev.command, marker: dev.marker });
    await waitFor('our mosquitto', async () => (await bridgeLogin(dev.loopbackUrl, env)) === 0, {
      timeoutMs: 30_000,
      onTick: () => {
        if (handle.exited) throw new Failure(`mosquitto exited (${handle.exited})`, handle.log);
      },
    });
    Object.assign(overrides, {
      MQTT_URL: dev.url,
      MQTT_CA_FILE: dev.caFile,
      MQTT_PROBE_URL: dev.loopbackUrl,
    });
    return;
  }
  const port = (await portFree(1883)) ? 1883 : await freePort();
  const url = `mqtt://127.0.0.1:${port}`;
  say(
    `No MQTT broker answers at ${env.MQTT_URL} and mosquitto is not installed: starting the embedded broker ` +
      `(aedes, MQTT 3.1.1 only) at ${url}, ${identities}`,
  );
  const handle = startDetached('mqtt', [...TS, 'simulators/src/embedded-mqtt.ts'], { ...env, MQTT_URL: url });
  await waitFor('the embedded MQTT broker', async () => (await bridgeLogin(url, env)) === 0, {
    timeoutMs: 30_000,
    onTick: () => {
      if (handle.exited) throw new Failure(`The embedded MQTT broker exited (${handle.exited})`, handle.log);
    },
  });
  overrides.MQTT_URL = url;
  // aedes speaks MQTT 3.1.1 only: the bridge follows (it uses MQTT 5 with every other broker).
  overrides.MQTT_PROTOCOL_VERSION = '4';
}
