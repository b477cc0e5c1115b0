import { mkdirSync, readFileSync } from 'node:fs';
import { createLogger, safeUrl, type Env, type Logger } from '@opshub/config';
import { startAlertStreamServer, type AlertStreamServer } from './alert-stream/alert-stream-server.js';
import { hubSession } from './brokers/hub-session.js';
import { startPullBroker, type PullBroker } from './brokers/pull-broker.js';
import { startPushBroker, type PushBroker } from './brokers/push-broker.js';
import { startDcsStand, type DcsStand } from './dcs-stand.js';
import { startDqmAgents, type DqmAgents } from './dqm-agent/dqm-agents.js';
import { startNectarcamServer, type NectarcamServer } from './nectarcam/results-server.js';

/** Every setting the simulators read, for one `loadEnv` per process. */
export const SIMULATORS_KEYS = [
  'MQTT_URL',
  'MQTT_CA_FILE',
  'MQTT_CAEN_PASSWORD',
  'MQTT_ESP01_PASSWORD',
  'MQTT_ESP02_PASSWORD',
  'MQTT_ESP03_PASSWORD',
  'DCS_MQTT_ROOT',
  'SIMULATORS_PTY_DIR',
  'NECTARCAM_SIM_PORT',
  'NECTARCAM_SIM_EVERY_MS',
  'DQM_AGENTS_SIM_PORT',
  'DQM_AGENTS_SIM_STEP_MS',
  'DQM_AGENT_SECRET',
  'ALERT_STREAM_SIM_PORT',
  'ALERT_STREAM_SIM_EVERY_MS',
  'BROKER_SIM_PORT',
  'BROKER_PUSH_HUB_URL',
  'BROKER_PUSH_USERNAME',
  'OPSHUB_BROKER_PASSWORD',
  'LOG_LEVEL',
] as const;

export interface RunningSimulators {
  stand: DcsStand;
  /** The NectarCAM results directory (null without NECTARCAM_SIM_PORT). */
  nectarcam: NectarcamServer | null;
  /** The DQM machines' agents (null without DQM_AGENTS_SIM_PORT and DQM_AGENT_SECRET). */
  dqmAgents: DqmAgents | null;
  /** The alert source serving a simulated survey's alerts (null without ALERT_STREAM_SIM_PORT). */
  alertStream: AlertStreamServer | null;
  /** A broker classifying the alert stream's alerts, served to pull (null without BROKER_SIM_PORT or the stream). */
  broker: PullBroker | null;
  /** A broker classifying the stream's alerts and PUTting them to the hub (null without BROKER_PUSH_HUB_URL, OPSHUB_BROKER_PASSWORD or the stream). */
  pushBroker: PushBroker | null;
  close(): Promise<void>;
}

export interface SimulatorsSettings {
  env: Env<(typeof SIMULATORS_KEYS)[number]>;
  log?: Logger;
}

/**
 * The simulated outside world: the DCS test stand (Julabo chiller on a pty pair under
 * SIMULATORS_PTY_DIR, CAEN supply and ESP sensors on MQTT), each device logged in to the broker as
 * its own identity (MQTT_<ID>_PASSWORD); with NECTARCAM_SIM_PORT, a NectarCAM results directory on
 * 127.0.0.1 that adds a run every NECTARCAM_SIM_EVERY_MS; with DQM_AGENTS_SIM_PORT and DQM_AGENT_SECRET,
 * six DQM machines' agents (FU and BU of production and playback) on consecutive ports from it;
 * with ALERT_STREAM_SIM_PORT, an alert source serving a new batch of ELAsTiCC alerts (with their truth)
 * every ALERT_STREAM_SIM_EVERY_MS; with BROKER_SIM_PORT too, a broker following that stream and
 * serving its classifications after a cursor (the broker pull protocol); with BROKER_PUSH_HUB_URL and
 * OPSHUB_BROKER_PASSWORD too, a second broker following it and PUTting its classifications to the hub's
 * `/elasticc2/brokermessage/`, signed in as BROKER_PUSH_USERNAME (a BROKER user) through the gateway.
 */
export async function startSimulators({
  env,
  log = createLogger('simulators', env.LOG_LEVEL),
}: SimulatorsSettings): Promise<RunningSimulators> {
  mkdirSync(env.SIMULATORS_PTY_DIR, { recursive: true });
  const stand = await startDcsStand({
    mqttUrl: env.MQTT_URL,
    root: env.DCS_MQTT_ROOT,
    ptyDir: env.SIMULATORS_PTY_DIR,
    logins: {
      passwords: {
        caen: env.MQTT_CAEN_PASSWORD,
        ESP01: env.MQTT_ESP01_PASSWORD,
        ESP02: env.MQTT_ESP02_PASSWORD,
        ESP03: env.MQTT_ESP03_PASSWORD,
      },
      ...(env.MQTT_CA_FILE ? { ca: readFileSync(env.MQTT_CA_FILE) } : {}),
    },
  });
  log.info({ julaboPort: stand.julaboPort, mqtt: safeUrl(env.MQTT_URL) }, 'DCS test stand simulated');
  let nectarcam: NectarcamServer | null = null;
  if (env.NECTARCAM_SIM_PORT !== undefined) {
    // Three runs at once, so a fresh hub has results to show before the first new one is written.
    nectarcam = await startNectarcamServer({
      port: env.NECTARCAM_SIM_PORT,
      initialRuns: 3,
      everyMs: env.NECTARCAM_SIM_EVERY_MS,
    }).catch(async (err: unknown) => {
      await stand.close();
      throw err;
    });
    log.info({ url: nectarcam.url, everyMs: env.NECTARCAM_SIM_EVERY_MS }, 'NectarCAM results simulated');
  }
  let dqmAgents: DqmAgents | null = null;
  if (env.DQM_AGENTS_SIM_PORT !== undefined && env.DQM_AGENT_SECRET) {
    dqmAgents = await startDqmAgents({
      secret: env.DQM_AGENT_SECRET,
      basePort: env.DQM_AGENTS_SIM_PORT,
      stepMs: env.DQM_AGENTS_SIM_STEP_MS,
    }).catch(async (err: unknown) => {
      await nectarcam?.close();
      await stand.close();
      throw err;
    });
    log.info({ agents: dqmAgents.agents.map((a) => a.url) }, 'DQM² agents simulated');
  }
  let alertStream: AlertStreamServer | null = null;
  if (env.ALERT_STREAM_SIM_PORT !== undefined) {
    // Ten batches at once, so a fresh hub has objects with light curves before the first new one.
    alertStream = await startAlertStreamServer({
      port: env.ALERT_STREAM_SIM_PORT,
      initialBatches: 10,
      everyMs: env.ALERT_STREAM_SIM_EVERY_MS,
    }).catch(async (err: unknown) => {
      await dqmAgents?.close();
      await nectarcam?.close();
      await stand.close();
      throw err;
    });
    log.info({ url: alertStream.url, everyMs: env.ALERT_STREAM_SIM_EVERY_MS }, 'alert stream simulated');
  }
  let broker: PullBroker | null = null;
  if (alertStream && env.BROKER_SIM_PORT !== undefined) {
    const stream = alertStream;
    broker = await startPullBroker({
      port: env.BROKER_SIM_PORT,
      streamUrl: stream.url,
      everyMs: env.ALERT_STREAM_SIM_EVERY_MS,
    }).catch(async (err: unknown) => {
      await stream.close();
      await dqmAgents?.close();
      await nectarcam?.close();
      await stand.close();
      throw err;
    });
    log.info({ url: broker.url }, 'broker simulated');
  }
  let pushBroker: PushBroker | null = null;
  if (alertStream && env.BROKER_PUSH_HUB_URL && env.OPSHUB_BROKER_PASSWORD) {
    const hubUrl = env.BROKER_PUSH_HUB_URL;
    // Started beside the gateway: until it signs the broker in, each round fails and the next one tries again.
    let failing = false;
    pushBroker = startPushBroker({
      hubUrl,
      token: hubSession(hubUrl, env.BROKER_PUSH_USERNAME, env.OPSHUB_BROKER_PASSWORD),
      streamUrl: alertStream.url,
      everyMs: env.ALERT_STREAM_SIM_EVERY_MS,
      onRound: (error, reply) => {
        const problem = error
          ? error instanceof Error
            ? error.message
            : String(error)
          : reply && reply.status !== 201
            ? `the hub answered ${reply.status}`
            : null;
        if (problem && !failing) log.warn({ hub: safeUrl(hubUrl), problem }, 'push broker: will try again');
        else if (!problem && failing) log.info({ hub: safeUrl(hubUrl) }, 'push broker: pushing again');
        failing = problem !== null;
      },
    });
    log.info({ hub: safeUrl(hubUrl), username: env.BROKER_PUSH_USERNAME }, 'push broker simulated');
  }
  return {
    stand,
    nectarcam,
    dqmAgents,
    alertStream,
    broker,
    pushBroker,
    close: async () => {
      pushBroker?.close();
      await broker?.close();
      await alertStream?.close();
      await dqmAgents?.close();
      await nectarcam?.close();
      await stand.close();
    },
  };
}
