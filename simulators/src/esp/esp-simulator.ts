import mqtt, { type MqttClient } from 'mqtt';

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

  private constructor(
    private readonly client: MqttClient,
    private readonly options: EspSimulatorOptions,
  ) {
    this.temperature = options.temperature ?? 21;
    this.humidity = options.humidity ?? 40;
    this.timer = setInterval(() => void this.publish(), options.publishMs ?? 2000);
  }

  static async start(options: EspSimulatorOptions): Promise<EspSimulator> {
    const client = mqtt.connect(options.mqttUrl, { clean: true, reconnectPeriod: 500 });
    client.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    const sim = new EspSimulator(client, options);
    await sim.publish();
    return sim;
  }

  async publish(): Promise<void> {
    if (!this.client.connected) return;
    this.n++;
    const root = this.options.root ? `${this.options.root}/` : '';
    const boards = this.options.boards ?? ['ESP01', 'ESP02', 'ESP03'];
    const jitter = (i: number) => Math.sin(this.n / 5 + i) * 0.1;
    const sends: Promise<unknown>[] = [];
    boards.forEach((board, i) => {
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
        sends.push(
          this.client.publishAsync(`${root}${board}/sensors/${metric}`, value.toFixed(2), { qos: 1 }),
        );
      }
    });
    await Promise.all(sends).catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.client.endAsync();
  }
}
