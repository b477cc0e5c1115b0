import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';

/** How one hub service logs in to the broker: its own identity (issue 7, C1), over TLS when the URL is mqtts://. */
export interface MqttLogin {
  username?: string;
  password?: string;
  /** The CA that signed the broker's certificate (MQTT_CA_FILE). */
  ca?: Buffer;
}

/** The connect options of a login (never logged: it holds the password). */
export function loginOptions(
  login: MqttLogin | undefined,
): Pick<IClientOptions, 'username' | 'password' | 'ca'> {
  return {
    ...(login?.username ? { username: login.username } : {}),
    ...(login?.password ? { password: login.password } : {}),
    ...(login?.ca ? { ca: login.ca } : {}),
  };
}

/** A login from the settings: the username, its password (optional in dev) and the CA file's content. */
export function loginFrom(
  username: string,
  password: string | undefined,
  caFile: string | undefined,
): MqttLogin {
  return {
    username,
    ...(password ? { password } : {}),
    ...(caFile ? { ca: readFileSync(caFile) } : {}),
  };
}
