/**
 * How many workers processes may bridge the DCS broker at once: each takes a slot (workers'
 * bridge-slot.ts) and slot n > 0 logs in as `<identity>-n`, so the broker's identities
 * (simulators/src/mqtt/mqtt-identities.ts → docker/mosquitto) list this many of each hub identity.
 */
export const MQTT_BRIDGE_SLOTS = 8;

/** The MQTT username of slot `slot` of a hub identity: slot 0 keeps the plain name. */
export const slotUsername = (username: string, slot: number): string =>
  slot > 0 ? `${username}-${slot}` : username;
