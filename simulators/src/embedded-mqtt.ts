// The in-process MQTT broker `npm run up` starts when no broker answers on MQTT_URL: aedes
// (MQTT 3.1.1 only, in-memory persistence), listening where MQTT_URL points. Run as a process:
//   MQTT_URL=mqtt://127.0.0.1:1883 node --import @swc-node/register/esm-register simulators/src/embedded-mqtt.ts
import type { AddressInfo, Server } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createLogger, loadEnv } from '@opshub/config';
import { Aedes } from 'aedes';
import { createServer } from 'aedes-server-factory';

export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts an aedes broker on host:port (port 0 picks a free one). */
export async function startEmbeddedBroker(
  options: { host?: string; port?: number } = {},
): Promise<EmbeddedBroker> {
  const host = options.host ?? '127.0.0.1';
  // createBroker awaits the persistence layer; its typings lag behind the 1.x API.
  const broker = await (Aedes as unknown as { createBroker(): Promise<Aedes> }).createBroker();
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
  const env = loadEnv(['MQTT_URL', 'LOG_LEVEL']);
  const log = createLogger('embedded-mqtt', env.LOG_LEVEL);
  const url = new URL(env.MQTT_URL);
  const broker = await startEmbeddedBroker({ host: url.hostname, port: Number(url.port || 1883) });
  log.info({ url: broker.url }, 'embedded MQTT broker listening');
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
