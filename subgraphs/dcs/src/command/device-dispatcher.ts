/** What a chiller command asks of the serial line. */
export type ChillerAction =
  { kind: 'setpoint'; index: number; temperature: number } | { kind: 'start' } | { kind: 'stop' };

/** What the line said after the write: confirmed by reading back, or why not. */
export interface ChillerOutcome {
  confirmed: boolean;
  detail: string;
  /** The chiller's state as read back, when the line answered. */
  state?: string;
}

/**
 * How commands reach the devices. The subgraph hands them to the workers as jobs (they own the
 * MQTT connection and the serial lines); the workers drive the devices directly.
 */
export interface DeviceDispatcher {
  /** Publishes a CAEN command; `topic` is relative to the topic root, e.g. `dcs/cmd/switch/hv`. */
  caen(topic: string, payload: string, commandId: string): Promise<void>;
  chiller(deviceId: string, action: ChillerAction, commandId: string): Promise<ChillerOutcome>;
}

/** For processes that cannot reach devices (SDL emission, read-only tests). */
export const NO_DISPATCHER: DeviceDispatcher = {
  caen: () => Promise.reject(new Error('This process cannot reach the devices')),
  chiller: () => Promise.reject(new Error('This process cannot reach the devices')),
};
