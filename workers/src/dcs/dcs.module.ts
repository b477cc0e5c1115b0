import { createHash } from 'node:crypto';
import type { Env } from '@opshub/config';
import {
  createDcsServices,
  DeviceKind,
  standSubscriptions,
  type DeviceDispatcher,
  type InterlockSettings,
} from '@opshub/dcs';
import { EventBus } from '@opshub/events';
import { UnrecoverableError } from 'bullmq';
import type { WorkerModule } from '../runtime/processor-registry.js';
import { schedule } from '../runtime/schedulers.js';
import { claimBridgeSlot } from './bridge-slot.js';
import { JulaboDriver } from './julabo-driver.js';
import type { LineTiming } from './julabo-line.js';
import { CommandPublisher } from './command-publisher.js';
import { loginFrom, type MqttLogin } from './mqtt-login.js';
import { MqttBridge, type MqttBridgeOptions } from './mqtt-bridge.js';

export interface DcsModuleOptions {
  databaseUrl: string;
  mqttUrl: string;
  /** MQTT topic root ('' = the real stand's bare topics). */
  root?: string;
  /** Overrides every chiller's serial path (the simulated stand's pty). */
  julaboPort?: string;
  /** Overrides the chillers' command gap / answer timeout. */
  timing?: Partial<LineTiming>;
  /** Poll period when a chiller's config has none, ms (default 5,000). */
  pollEveryMs?: number;
  /** How often the interlocks are re-checked while readings flow, ms (default 500). */
  interlockEveryMs?: number;
  interlocks?: Partial<InterlockSettings>;
  /**
   * The bridge's MQTT client id, as given (one process only). Default: derived from the Redis prefix
   * and the root, with this process's slot among its peers (bridge-slot.ts) from the second on.
   */
  clientId?: string;
  /** MQTT 5 shared-subscription group (MQTT_SHARE_GROUP): every workers process runs a bridge. */
  shareGroup?: string;
  /** Bridge tuning (batch size, broker in-flight window, memory bound, close timeout). */
  bridge?: Pick<
    MqttBridgeOptions,
    'maxBatch' | 'receiveMaximum' | 'maxBuffered' | 'closeTimeoutMs' | 'protocolVersion'
  >;
  /** The bridge's and the command publisher's own MQTT identities (issue 7, C1); none: anonymous. */
  logins?: { bridge?: MqttLogin; commands?: MqttLogin };
}

/** The running dcs pieces, for tests and benchmarks that start the module themselves. */
export interface DcsRuntime {
  bridge: MqttBridge;
  driver: JulaboDriver;
  services: ReturnType<typeof createDcsServices>;
}

/**
 * The DCS domain in the workers: the MQTT bridge (long-lived), one Julabo poll scheduler per
 * chiller, the command processors and the watchdog. `onRuntime` hands the pieces to a caller.
 */
export function dcsModule(options: DcsModuleOptions, onRuntime?: (r: DcsRuntime) => void): WorkerModule {
  return async (registry, deps) => {
    const { log } = deps;
    const root = options.root ?? '';
    const events = await EventBus.connect(deps.redisUrl, deps.redisPrefix);
    // Filled once the services exist; the dispatcher only runs after that.
    const drivers: { commands?: CommandPublisher; driver?: JulaboDriver } = {};
    // Workers drive the devices directly: commands they issue (interlock ramp-downs) skip the queue.
    const dispatcher: DeviceDispatcher = {
      caen: async (topic, payload) => {
        if (!drivers.commands) throw new Error('the MQTT command publisher is not running');
        await drivers.commands.publish(topic, payload);
      },
      chiller: (deviceId, action) => {
        if (!drivers.driver) throw new Error('the Julabo driver is not running');
        return drivers.driver.command(deviceId, action);
      },
    };
    const dcs = createDcsServices(deps.db, {
      databaseUrl: options.databaseUrl,
      events,
      log,
      dispatcher,
      ...(options.interlocks ? { interlocks: options.interlocks } : {}),
    });
    const driver = new JulaboDriver(
      dcs,
      {
        ...(options.julaboPort ? { portOverride: options.julaboPort } : {}),
        ...(options.timing ? { timing: options.timing } : {}),
      },
      log,
    );

    let dirty = false;
    const shareGroup =
      options.shareGroup && (options.bridge?.protocolVersion ?? 5) === 5 ? options.shareGroup : undefined;
    const base =
      options.clientId ??
      `opshub-dcs-${createHash('sha256').update(`${deps.redisPrefix}|${root}`).digest('hex').slice(0, 12)}`;
    const slot =
      options.clientId === undefined
        ? await claimBridgeSlot({
            redisUrl: deps.redisUrl,
            key: `${deps.redisPrefix}:dcs:mqtt-slot:${base}`,
            log,
            shareGroup,
          })
        : undefined;
    // Slot n > 0 is its own client id and MQTT identity: a broker that makes the username the client
    // id (the shipped mosquitto) would otherwise give two processes one session.
    const suffix = slot && slot.slot.index > 0 ? `-${slot.slot.index}` : '';
    const clientId = `${base}${suffix}`;
    const bridgeLogin = withSuffix(options.logins?.bridge, suffix);
    const bridge = await MqttBridge.start({
      // mqtt.js prefers credentials in the URL to the login's: with a login, the URL's are dropped.
      url: bridgeLogin ? withoutCredentials(options.mqttUrl) : options.mqttUrl,
      root,
      topics: standSubscriptions(root),
      clientId,
      ...(shareGroup ? { shareGroup } : {}),
      ...(bridgeLogin ? { login: bridgeLogin } : {}),
      log,
      // Readings, dead letters and receipts commit together; a batch the database refuses is bisected
      // (on a data error at once, on any error from the 3rd failure on) down to the message at fault.
      ingest: async (batch, { attempt, onCommitted }) => {
        await dcs.ingest.ingest(root, batch, {
          clientId,
          bisectAnyError: attempt >= 3,
          onCommitted: (messages) => {
            dirty = true;
            onCommitted(messages);
          },
        });
      },
      forget: (messages) => dcs.ingest.forget(clientId, messages),
      ...(options.bridge ?? {}),
    });
    if (slot)
      // Its session is the other process's now: two connections with one client id would take it
      // from each other in turn. This process stops bridging; a restart gives it a slot again.
      slot.onLost = () => {
        log.error({ clientId }, 'MQTT bridge slot lost to another workers process: bridge stopped');
        void bridge.close();
      };
    // Commands go out on a connection and identity of their own: the bridge's may only read status.
    const commands = await CommandPublisher.start({
      // Never the URL's credentials: they would make the publisher log in as someone else (the
      // bridge), and the two connections would take over each other's session.
      url: withoutCredentials(options.mqttUrl),
      root,
      clientId: `${clientId}-commands`,
      ...(options.logins?.commands ? { login: withSuffix(options.logins.commands, suffix)! } : {}),
      log,
    });
    drivers.commands = commands;
    drivers.driver = driver;
    // Interlocks follow the readings, at most every interlockEveryMs (not once per batch at full rate).
    const interlockTimer = setInterval(() => {
      if (!dirty) return;
      dirty = false;
      dcs.commands
        .enforceInterlocks()
        .catch((err: unknown) => log.error({ err }, 'interlock enforcement failed'));
    }, options.interlockEveryMs ?? 500);

    deps.onStop(async () => {
      clearInterval(interlockTimer);
      // With peers still bridging, this one leaves the group; the last one keeps its share coming.
      const leaveGroup = slot && !slot.lost && shareGroup ? await slot.slot.mayLeave() : false;
      await bridge.close({ leaveGroup });
      await slot?.slot.release();
      await slot?.redis.quit();
      await commands.close();
      await driver.close();
      await events.close();
      await dcs.close();
    });

    registry.register('julabo-poll', async (job) => driver.poll(job.data.deviceId));
    // Device commands: at most once per commandId, never after their deadline, and only if the device
    // FSM and the interlocks still allow them right before the wire; the outcome goes on the command row.
    registry.register('julabo-command', async (job) => {
      const { deviceId, action } = job.data;
      const done = await dcs.commandExecutor.chiller(job, deviceId, action, () =>
        driver.command(deviceId, action),
      );
      if (done.failure) throw new UnrecoverableError(done.failure);
      return done.value ?? { notSent: done.row?.status };
    });
    registry.register('caen-command', async (job) => {
      const { topic, payload } = job.data;
      if (!/^dcs\/cmd\/(switch\/(lv|hv)|setv\/(lv|hv)\/[\w-]+)$/.test(topic))
        throw new UnrecoverableError(`not a CAEN command topic: ${topic}`);
      const done = await dcs.commandExecutor.caen(job, topic, payload, async () => {
        await commands.publish(topic, payload);
        return { published: topic, payload };
      });
      if (done.failure) throw new UnrecoverableError(done.failure);
      return done.value ?? { notSent: done.row?.status };
    });
    registry.register('dcs-watchdog', async (job) => {
      const silent = await dcs.devices.markSilent(new Date(Date.now() - job.data.silentSeconds * 1000));
      return { offline: silent.map((d) => d.id) };
    });

    for (const chiller of (await dcs.devices.configured()).filter((d) => d.kind === DeviceKind.CHILLER)) {
      const seconds = Number(chiller.config['pollSeconds'] ?? 0);
      const every = seconds > 0 ? seconds * 1000 : (options.pollEveryMs ?? 5_000);
      deps.schedule(
        schedule({
          id: `julabo-poll:${chiller.id}`,
          job: 'julabo-poll',
          every: options.pollEveryMs ?? every,
          data: { deviceId: chiller.id },
        }),
      );
    }
    deps.schedule(
      schedule({ id: 'dcs-watchdog', job: 'dcs-watchdog', every: 10_000, data: { silentSeconds: 30 } }),
    );
    onRuntime?.({ bridge, driver, services: dcs });
  };
}

/** A slot's identity: the configured username with the slot's suffix (slot 0: unchanged). */
function withSuffix(login: MqttLogin | undefined, suffix: string): MqttLogin | undefined {
  if (!login || !suffix || !login.username) return login;
  return { ...login, username: `${login.username}${suffix}` };
}

/** A broker URL with its user and password removed: each client logs in as its own identity (C1). */
function withoutCredentials(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}

/** The settings the dcs module reads in the workers process (validated once with the others', by main). */
export const DCS_WORKER_KEYS = [
  'DATABASE_URL',
  'MQTT_URL',
  'DCS_MQTT_ROOT',
  'JULABO_PORT',
  'MQTT_CA_FILE',
  'MQTT_BRIDGE_USERNAME',
  'MQTT_BRIDGE_PASSWORD',
  'MQTT_COMMANDS_USERNAME',
  'MQTT_COMMANDS_PASSWORD',
  'MQTT_PROTOCOL_VERSION',
  'MQTT_SHARE_GROUP',
] as const;

/** The module as the workers process runs it, from the process's validated settings. */
export function dcsModuleOf(env: Env<(typeof DCS_WORKER_KEYS)[number]>): WorkerModule {
  return dcsModule({
    databaseUrl: env.DATABASE_URL,
    mqttUrl: env.MQTT_URL,
    bridge: { protocolVersion: env.MQTT_PROTOCOL_VERSION },
    logins: {
      bridge: loginFrom(env.MQTT_BRIDGE_USERNAME, env.MQTT_BRIDGE_PASSWORD, env.MQTT_CA_FILE),
      commands: loginFrom(env.MQTT_COMMANDS_USERNAME, env.MQTT_COMMANDS_PASSWORD, env.MQTT_CA_FILE),
    },
    root: env.DCS_MQTT_ROOT,
    ...(env.MQTT_SHARE_GROUP ? { shareGroup: env.MQTT_SHARE_GROUP } : {}),
    ...(env.JULABO_PORT ? { julaboPort: env.JULABO_PORT } : {}),
  });
}
