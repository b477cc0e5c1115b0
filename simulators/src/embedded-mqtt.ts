// The in-process MQTT broker `npm run up` starts when no broker answers on MQTT_URL: aedes
// (MQTT 3.1.1 only, in-memory persistence), listening where MQTT_URL points. It enforces the same
// identities and grants as the production mosquitto (mqtt/mqtt-identities.ts): a password per
// identity (MQTT_<ID>_PASSWORD), no anonymous clients, only the hub publishes commands. Run as a process:
//   MQTT_URL=mqtt://127.0.0.1:1883 MQTT_BRIDGE_PASSWORD=… node --import @swc-node/register/esm-register simulators/src/embedded-mqtt.ts
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo, Server } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createLogger, loadEnv, safeUrl, type Logger } from '@opshub/config';
import { Aedes, type Client } from 'aedes';
import { createServer } from 'aedes-server-factory';
import {
  MAX_PAYLOAD_BYTES,
  mayPublish,
  mayReceive,
  maySubscribe,
  standIdentities,
  type MqttIdentity,
} from './mqtt/mqtt-identities.js';

export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface BrokerAccess {
  identities: readonly MqttIdentity[];
  /** Password per username; an identity without one cannot log in. */
  passwords: Readonly<Record<string, string | undefined>>;
}

const digest = (value: string | Buffer): Buffer => createHash('sha256').update(value).digest();

class Refused extends Error {
  constructor(
    message: string,
    readonly returnCode?: number,
  ) {
    super(message);
  }
}

/** Starts an aedes broker on host:port (port 0 picks a free one) that enforces `access`. */
export async function startEmbeddedBroker(options: {
  host?: string;
  port?: number;
  access: BrokerAccess;
  log?: Logger;
}): Promise<EmbeddedBroker> {
  const host = options.host ?? '127.0.0.1';
  const { log } = options;
  const byName = new Map(options.access.identities.map((id) => [id.username, id]));
  const identityOf = new WeakMap<Client, MqttIdentity>();
  // A client id, once used, stays its identity's: nobody takes over (and drains) another's session.
  const owners = new Map<string, string>();
  // createBroker awaits the persistence layer; its typings lag behind the 1.x API.
  const broker = await (Aedes as unknown as { createBroker(options: object): Promise<Aedes> }).createBroker({
    authenticate: (
      client: Client,
      username: string | undefined,
      password: Buffer | undefined,
      done: (error: Refused | null, ok: boolean) => void,
    ) => {
      const identity = username === undefined ? undefined : byName.get(username);
      const expected = identity ? options.access.passwords[identity.username] : undefined;
      const ok =
        identity !== undefined &&
        expected !== undefined &&
        password !== undefined &&
        timingSafeEqual(digest(password), digest(expected));
      if (!ok) {
        log?.warn({ clientId: client.id, username }, 'MQTT login refused');
        return done(new Refused('not authorized', 5), false);
      }
      const owner = owners.get(client.id);
      if (owner !== undefined && owner !== identity.username) {
        log?.warn({ clientId: client.id, username }, "MQTT login refused: another identity's client id");
        return done(new Refused('client id taken by another identity', 2), false);
      }
      owners.set(client.id, identity.username);
      identityOf.set(client, identity);
      done(null, true);
    },
    // A refused publish closes the client's connection (aedes has no negative PUBACK in MQTT 3.1.1).
    authorizePublish: (
      client: Client | null,
      packet: { topic: string; payload: Buffer | string },
      done: (error?: Error | null) => void,
    ) => {
      const identity = client ? identityOf.get(client) : undefined;
      if (!identity || !mayPublish(identity, packet.topic))
        return done(new Refused(`${identity?.username ?? 'unknown'} may not publish ${packet.topic}`));
      if (Buffer.byteLength(packet.payload) > MAX_PAYLOAD_BYTES)
        return done(new Refused(`payload over ${MAX_PAYLOAD_BYTES} bytes on ${packet.topic}`));
      done(null);
    },
    // A refused subscription is answered with SUBACK 0x80, as mosquitto does for MQTT 5 clients.
    authorizeSubscribe: (
      client: Client,
      sub: { topic: string; qos: number },
      done: (error: Error | null, sub: { topic: string; qos: number } | null) => void,
    ) => {
      const identity = identityOf.get(client);
      done(null, identity && maySubscribe(identity, sub.topic) ? sub : null);
    },
    authorizeForward: (client: Client, packet: { topic: string }) => {
      const identity = identityOf.get(client);
      return identity && mayReceive(identity, packet.topic) ? packet : null;
    },
  });
  broker.on('clientError', (client, err) => {
    // Refused logins are logged where they are refused; this is a refused publish.
    if (err instanceof Refused && err.returnCode === undefined)
      log?.warn({ clientId: client.id, reason: err.message }, 'MQTT client refused');
  });
  const server = createServer(broker as never) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `mqtt://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        broker.close();
      }),
  };
}

async function main(): Promise<void> {
  const env = loadEnv([
    'MQTT_URL',
    'LOG_LEVEL',
    'DCS_MQTT_ROOT',
    'MQTT_BRIDGE_USERNAME',
    'MQTT_BRIDGE_PASSWORD',
    'MQTT_COMMANDS_USERNAME',
    'MQTT_COMMANDS_PASSWORD',
    'MQTT_CAEN_PASSWORD',
    'MQTT_JULABO_PASSWORD',
    'MQTT_ESP01_PASSWORD',
    'MQTT_ESP02_PASSWORD',
    'MQTT_ESP03_PASSWORD',
  ]);
  const log = createLogger('embedded-mqtt', env.LOG_LEVEL);
  const identities = standIdentities({
    root: env.DCS_MQTT_ROOT,
    bridgeUsername: env.MQTT_BRIDGE_USERNAME,
    commandsUsername: env.MQTT_COMMANDS_USERNAME,
  });
  const settings: Record<string, string | undefined> = env;
  const passwords = Object.fromEntries(
    identities.map((id) => [id.username, id.passwordKey ? settings[id.passwordKey] : undefined]),
  );
  const url = new URL(env.MQTT_URL);
  const broker = await startEmbeddedBroker({
    host: url.hostname,
    port: Number(url.port || 1883),
    access: { identities, passwords },
    log,
  });
  const locked = identities.filter((id) => passwords[id.username] === undefined).map((id) => id.username);
  log.info(
    { url: safeUrl(broker.url), locked },
    'embedded MQTT broker listening (identities without a password cannot log in)',
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void broker.close().finally(() => process.exit(0));
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
