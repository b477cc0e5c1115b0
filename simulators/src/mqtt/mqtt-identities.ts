/**
 * Who may do what on the DCS broker (issue 7, C1): one identity per device and per hub service,
 * and nothing that is not granted here. The dev broker (`embedded-mqtt.ts`) enforces these lists
 * directly; the production broker's `docker/mosquitto/acl` is generated from them
 * (`mosquitto-files.ts`, drift-checked by docker/test).
 */
import { MQTT_BRIDGE_SLOTS, slotUsername } from '@opshub/config';
import { filterWithin, topicMatches } from './topic-filter.js';

/** The ESP environment boards of the stand (domains.md §3); each logs in as its own id. */
export const ESP_BOARDS: readonly string[] = ['ESP01', 'ESP02', 'ESP03'];

/** Largest payload either broker accepts, bytes (mosquitto `message_size_limit`). */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** The hub's own identities: the names the workers log in with by default (env.ts). */
export const HUB_BRIDGE = 'opshub-bridge';
export const HUB_COMMANDS = 'opshub-commands';
/** The broker container's healthcheck: reads its uptime, nothing else; its password is made at each start. */
export const BROKER_HEALTH = 'health';

export interface MqttIdentity {
  username: string;
  /** The setting holding its password (null: made by the broker container itself). */
  passwordKey: string | null;
  /** Topic filters it may publish to. */
  publish: readonly string[];
  /** Topic filters it may subscribe to and receive from. */
  subscribe: readonly string[];
  /** One line for the ACL file. */
  about: string;
}

export interface StandAccessOptions {
  /** The DCS topic root ('' = the real stand's bare topics), as DCS_MQTT_ROOT. */
  root?: string;
  boards?: readonly string[];
  /** The hub's usernames when a site renames them (MQTT_BRIDGE_USERNAME, MQTT_COMMANDS_USERNAME). */
  bridgeUsername?: string;
  commandsUsername?: string;
}

/** The settings key of a device's password: `MQTT_<ID>_PASSWORD`. */
export const devicePasswordKey = (id: string): string => `MQTT_${id.toUpperCase()}_PASSWORD`;

export function standIdentities(options: StandAccessOptions = {}): MqttIdentity[] {
  const root = options.root ?? '';
  if (/[+#\s]/.test(root) || root.startsWith('/') || root.endsWith('/'))
    throw new Error(`DCS topic root ${JSON.stringify(root)} cannot be used in an ACL`);
  const r = root ? `${root}/` : '';
  const boards = options.boards ?? ESP_BOARDS;
  for (const b of boards)
    if (!/^[A-Za-z0-9_]+$/.test(b) || ['dcs', 'julabo', 'caen'].includes(b))
      throw new Error(`${JSON.stringify(b)} cannot be a sensor board id`);
  return [
    ...hubSlots({
      username: options.bridgeUsername ?? HUB_BRIDGE,
      passwordKey: 'MQTT_BRIDGE_PASSWORD',
      publish: [],
      // Exactly the bridge's subscriptions (subgraphs/dcs/src/ingest/stand-topics.ts).
      subscribe: [`${r}dcs/status`, `${r}dcs/channels`, `${r}julabo/status`, `${r}+/sensors/#`],
      about: "the hub's MQTT bridge (workers): reads the devices' status topics, publishes nothing",
    }),
    ...hubSlots({
      username: options.commandsUsername ?? HUB_COMMANDS,
      passwordKey: 'MQTT_COMMANDS_PASSWORD',
      publish: [`${r}dcs/cmd/#`],
      subscribe: [],
      about: "the hub's command publisher (workers): the only identity that may send device commands",
    }),
    {
      username: 'caen',
      passwordKey: devicePasswordKey('caen'),
      publish: [`${r}dcs/status`, `${r}dcs/channels`],
      subscribe: [`${r}dcs/cmd/#`],
      about: "the CAEN supply (tracker DCS): publishes its status, the only reader of the hub's commands",
    },
    {
      username: 'julabo',
      passwordKey: devicePasswordKey('julabo'),
      publish: [`${r}julabo/status`],
      subscribe: [],
      about: 'the Julabo status publisher',
    },
    ...boards.map((b) => ({
      username: b,
      passwordKey: devicePasswordKey(b),
      publish: [`${r}${b}/sensors/#`],
      subscribe: [],
      about: `ESP sensor board ${b}: its own sensors only`,
    })),
    {
      username: BROKER_HEALTH,
      passwordKey: null,
      publish: [],
      subscribe: ['$SYS/broker/uptime'],
      about: "the broker container's healthcheck (password made at each start, loopback listener)",
    },
  ];
}

/**
 * A hub identity and its copies for the other workers processes (slot n logs in as `<name>-n`, a session
 * of its own): the same password and grants.
 */
function hubSlots(identity: MqttIdentity): MqttIdentity[] {
  return Array.from({ length: MQTT_BRIDGE_SLOTS }, (_, slot) =>
    slot === 0
      ? identity
      : {
          ...identity,
          username: slotUsername(identity.username, slot),
          about: `${identity.about} — workers process ${slot + 1}`,
        },
  );
}

export const mayPublish = (identity: MqttIdentity, topic: string): boolean =>
  identity.publish.some((f) => topicMatches(f, topic));

/** A subscription is allowed only when it lies inside what the identity may read. */
export const maySubscribe = (identity: MqttIdentity, filter: string): boolean =>
  identity.subscribe.some((f) => filterWithin(filter, f));

export const mayReceive = (identity: MqttIdentity, topic: string): boolean =>
  identity.subscribe.some((f) => topicMatches(f, topic));
