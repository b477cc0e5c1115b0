// The simulated detector test stand of issue 4: a Julabo chiller on a socat pty pair, a CAEN
// supply and three ESP environment boards on MQTT, all on the real wire formats. `npm run up`
// (simulators/src/main.ts) calls `startDcsStand`; the tests call it with a unique topic root.
import { CaenSimulator, type CaenSimulatorOptions } from './caen/caen-simulator.js';
import { EspSimulator } from './esp/esp-simulator.js';
import { createPtyPair, type PtyPair } from './julabo/julabo-pty.js';
import { JulaboSimulator, type JulaboSimulatorOptions } from './julabo/julabo-simulator.js';
import type { DeviceLogins } from './mqtt/device-login.js';

export interface DcsStandOptions {
  mqttUrl: string;
  /** MQTT topic root prefix ('' = the real stand's bare topics). */
  root?: string;
  /** Where the pty links go (default: a fresh temp directory). */
  ptyDir?: string;
  /** Julabo model settings (time constant, initial temperature, speed…). */
  julabo?: Omit<JulaboSimulatorOptions, 'path'>;
  /** CAEN settings (modules, channel parameters, publish period). */
  caen?: Omit<CaenSimulatorOptions, 'mqttUrl' | 'root' | 'logins'>;
  /** ESP publish period, ms (default 2000). */
  espPublishMs?: number;
  /** Each device logs in as its own MQTT identity (caen, ESP01…) with its password from here. */
  logins?: DeviceLogins;
}

export interface DcsStand {
  /** The serial port the hub opens to reach the chiller (the host end of the pty pair). */
  julaboPort: string;
  pty: PtyPair;
  julabo: JulaboSimulator;
  caen: CaenSimulator;
  esp: EspSimulator;
  close(): Promise<void>;
}

export async function startDcsStand(options: DcsStandOptions): Promise<DcsStand> {
  const root = options.root ?? '';
  const pty = await createPtyPair(options.ptyDir ? { dir: options.ptyDir } : {});
  const julabo = await JulaboSimulator.start({ ...options.julabo, path: pty.devicePath });
  const logins = options.logins ?? {};
  const caen = await CaenSimulator.start({ ...options.caen, mqttUrl: options.mqttUrl, root, logins });
  const esp = await EspSimulator.start({
    mqttUrl: options.mqttUrl,
    root,
    logins,
    ...(options.espPublishMs ? { publishMs: options.espPublishMs } : {}),
  });
  // The modules sit on the chiller's cold plate: their temperature follows the external Pt100.
  const coupling = setInterval(() => {
    caen.modules.forEach((m, i) => (m.temp = julabo.model.externalTemp + 0.5 + i * 0.1));
  }, 200);
  return {
    julaboPort: pty.hostPath,
    pty,
    julabo,
    caen,
    esp,
    close: async () => {
      clearInterval(coupling);
      await Promise.all([esp.close(), caen.close(), julabo.close()]);
      await pty.close();
    },
  };
}

export { CaenSimulator, EspSimulator, JulaboSimulator, createPtyPair };
export { JulaboModel } from './julabo/julabo-model.js';
export { dewPoint } from './esp/esp-simulator.js';
export type { DeviceLogins } from './mqtt/device-login.js';
export { moduleState, systemState, STATUS_BITS } from './caen/caen-model.js';
