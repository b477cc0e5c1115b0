import mqtt, { type MqttClient } from 'mqtt';
import { ESP_BOARDS } from '../mqtt/mqtt-identities.js';
import { deviceConnectOptions, type DeviceLogins } from '../mqtt/device-login.js';

export interface EspSimulatorOptions {
  mqttUrl: string;
  root?: string;
  /** Board names (default ESP01–ESP03). */
  boards?: string[];
  /** Publish period, ms (default 2000). */
  publishMs?: number;
  /** Air temperature, °C, and relative humidity, % (defaults 21 and 40). */
  temperature?: number;
  humidity?: number;
  /** Each board logs in as its own identity (username = board id) with its password from here. */
  logins?: DeviceLogins;
}

/** Dew point by the Magnus formula, °C. */
export function dewPoint(temp: number, humidity: number): number {
  const a = 17.62;
  const b = 243.12;
  const g = Math.log(Math.max(humidity, 0.1) / 100) + (a * temp) / (b + temp);
  return (b * g) / (a - g);
}

/**
 * The ESP32 environment boards: each publishes bare numbers on `ESP0n/sensors/DS/temp`,
 * `…/BME/{temp,humi,dew}` and `…/SCD30/{co2,temp,humi}`. Set `temperature` / `humidity` to move
 * the air (and so the dew point) in a demo or a test.
 */
export class EspSimulator {
  temperature: number;
  humidity: number;
  co2 = 450;
  private readonly timer: NodeJS.Timeout;
  private n = 0;

  /** One MQTT connection per board: each board is its own identity and may publish only its own topics. */
  private constructor(
    private readonly clients: ReadonlyMap<string, MqttClient>,
    private readonly options: EspSimulatorOptions,
  ) {
    this.temperature = options.temperature ?? 21;
    this.humidity = options.humidity ?? 40;
    this.timer = setInterval(() => void this.publish(), options.publishMs ?? 2000);
  }

  static async start(options: EspSimulatorOptions): Promise<EspSimulator> {
    const boards = options.boards ?? ESP_BOARDS;
    const clients = new Map<string, MqttClient>();
    try {
      for (const board of boards) {
        const client = mqtt.connect(options.mqttUrl, {
          ...deviceConnectOptions(board, options.logins),
          clean: true,
          reconnectPeriod: 500,
        });
        clients.set(board, client);
        client.on('error', () => undefined);
        await new Promise<void>((resolve, reject) => {
          client.once('connect', () => resolve());
          client.once('error', reject);
        });
      }
    } catch (error) {
      await Promise.all([...clients.values()].map((c) => c.endAsync(true)));
      throw error;
    }
    const sim = new EspSimulator(clients, options);
    await sim.publish();
    return sim;
  }

  async publish(): Promise<void> {
    this.n++;
    const root = this.options.root ? `${this.options.root}/` : '';
    const jitter = (i: number) => Math.sin(this.n / 5 + i) * 0.1;
    const sends: Promise<unknown>[] = [];
    [...this.clients].forEach(([board, client], i) => {
      if (!client.connected) return;
      const t = this.temperature + jitter(i);
      const h = this.humidity + jitter(i + 1);
      const values: Record<string, number> = {
        'DS/temp': t + 0.2,
        'BME/temp': t,
        'BME/humi': h,
        'BME/dew': dewPoint(t, h),
        'SCD30/co2': this.co2 + Math.round(jitter(i) * 50),
        'SCD30/temp': t + 0.1,
        'SCD30/humi': h - 0.5,
      };
      for (const [metric, value] of Object.entries(values)) {
        sends.push(client.publishAsync(`${root}${board}/sensors/${metric}`, value.toFixed(2), { qos: 1 }));
      }
    });
    await Promise.all(sends).catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.clients.values()].map((c) => c.endAsync()));
  }
}
