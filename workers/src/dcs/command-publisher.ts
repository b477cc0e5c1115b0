import { safeUrl, type Logger } from '@opshub/config';
import mqtt, { type MqttClient } from 'mqtt';
import { loginOptions, type MqttLogin } from './mqtt-login.js';

export interface CommandPublisherOptions {
  url: string;
  /** Topic root ('' = bare topics). */
  root: string;
  clientId: string;
  /** The hub's command identity: the only one the broker lets publish `dcs/cmd/#`. */
  login?: MqttLogin;
  log: Logger;
  /** How long a publish waits for the broker's PUBACK before failing (default 5,000 ms). */
  publishTimeoutMs?: number;
  /** How long start() waits for the broker before returning anyway (default 5,000 ms). */
  connectTimeoutMs?: number;
}

/**
 * The hub's device-command publisher: its own MQTT connection and identity, separate from the
 * bridge's (which may only read status). QoS 1 on a clean session; a command whose PUBACK does
 * not come in time fails, and its connection is dropped with it, so mqtt.js cannot resend it
 * after a reconnect, minutes after the operator was told it failed. (One the broker already holds
 * may still be delivered: the job's deadline and the checks before the wire are the guard there.)
 */
export class CommandPublisher {
  private client: MqttClient;
  private closed = false;

  private constructor(private readonly options: CommandPublisherOptions) {
    this.client = this.connect();
  }

  static async start(options: CommandPublisherOptions): Promise<CommandPublisher> {
    const publisher = new CommandPublisher(options);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), options.connectTimeoutMs ?? 5_000);
      publisher.client.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected)
      options.log.warn(
        { broker: safeUrl(options.url) },
        'MQTT broker not reachable yet; commands wait for it',
      );
    return publisher;
  }

  private connect(): MqttClient {
    const { options } = this;
    const broker = safeUrl(options.url);
    const client = mqtt.connect(options.url, {
      ...loginOptions(options.login),
      clientId: options.clientId,
      clean: true,
      protocolVersion: 4,
      reconnectPeriod: 1000,
    });
    client.on('connect', () => options.log.info({ broker }, 'mqtt command publisher connected'));
    client.on('error', (err) => options.log.warn({ err, broker }, 'mqtt command publisher error'));
    return client;
  }

  /** Publishes a command, `topic` relative to the root (QoS 1); throws when the broker does not take it. */
  async publish(topic: string, payload: string): Promise<void> {
    const client = this.client;
    if (!client.connected) throw new Error('the MQTT broker is not connected');
    const full = this.options.root ? `${this.options.root}/${topic}` : topic;
    const timeoutMs = this.options.publishTimeoutMs ?? 5_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.publishAsync(full, payload, { qos: 1 }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`the MQTT broker did not acknowledge ${full} within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      // Never let this command go out late: drop the connection that holds it, start a clean one.
      if (this.client === client && !this.closed) {
        client.end(true);
        this.client = this.connect();
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client.endAsync();
  }
}
