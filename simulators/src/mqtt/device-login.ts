import type { IClientOptions } from 'mqtt';

/** How the simulated devices log in: each as its own identity (username = device id). */
export interface DeviceLogins {
  /** Password per device id (caen, ESP01…); without one a device sends its username only. */
  passwords?: Readonly<Record<string, string | undefined>>;
  /** The CA that signed the broker's certificate, for an mqtts:// URL. */
  ca?: Buffer;
}

export function deviceConnectOptions(id: string, logins: DeviceLogins = {}): IClientOptions {
  const password = logins.passwords?.[id];
  return { username: id, ...(password ? { password } : {}), ...(logins.ca ? { ca: logins.ca } : {}) };
}
