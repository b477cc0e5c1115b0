import { BadUserInputError, NotFoundError, ServiceUnavailableError } from '@opshub/errors';
import { AgentClient, AgentError } from './agent-client.js';
import type { DqmHostRepository, DqmHostRow } from './dqm-host.repository.js';
import type { HubActor } from '../hub-audit.js';
import { hostDigest, machineKind, pseudonymOf } from './redaction.js';

/** The control-room actions, each one `/cr/exe?what=<verb>` of the agent (api.md names). */
export const CONTROL_ROOM_ACTIONS = {
  GET_DQM_CLIENTS: 'get_dqm_clients',
  CHANGE_DQM_CLIENT: 'change_dqm_client',
  GET_CMSSW_INFO: 'get_cmssw_info',
  GET_DQM_MACHINES: 'get_dqm_machines',
  RESTART_HLTD: 'restart_hltd',
  RESTART_FFF: 'restart_fff',
  GET_HLTD_LOGS: 'get_hltd_logs',
  GET_FFF_LOGS: 'get_fff_logs',
  GET_CLUSTER_STATUS: 'get_cluster_status',
  START_PLAYBACK_RUN: 'start_playback_run',
} as const;
export type ControlRoomAction = keyof typeof CONTROL_ROOM_ACTIONS;

export const RUN_KEYS = ['cosmic_run', 'pp_run', 'hi_run'] as const;

export interface ControlRoomResult {
  ok: boolean;
  output: string;
  auditId: string;
}

type Args = Record<string, string | number | boolean>;

/** Who runs an action: the user's name (the control room's own audit) and, for the hub's log, id and request. */
export interface ControlRoomCaller {
  username: string;
  hub?: HubActor | undefined;
}

/**
 * The control room (ADMIN): an action on a registered agent, its arguments checked one by one
 * against their type and range (a client against the agent's own list) and sent as query
 * parameters — never concatenated into anything the agent runs. The agent's secret cookie comes
 * from the host's settings; every call is audited with its result, refused ones too. Answers are
 * redacted like the documents: host names become pseudonyms, paths their file name.
 */
export class ControlRoomService {
  constructor(
    private readonly hosts: DqmHostRepository,
    /** `pseudonymKey` null (DQM_PSEUDONYM_KEY unset): no answer can be redacted, so no action runs. */
    private readonly settings: { timeoutMs: number; pseudonymKey: string | null },
  ) {}

  async run(
    actor: ControlRoomCaller,
    action: ControlRoomAction,
    hostId: string,
    raw: unknown,
  ): Promise<ControlRoomResult> {
    const started = Date.now();
    const key = this.settings.pseudonymKey;
    if (key === null) {
      throw new ServiceUnavailableError(
        'DQM² control room',
        'The DQM² control room is off: DQM_PSEUDONYM_KEY is not set',
      );
    }
    const host = await this.hosts.findById(hostId);
    if (!host) {
      await this.audit(actor, { id: hostId, known: false }, action, {}, false, 'no such agent', started);
      throw new NotFoundError('DqmHost', hostId);
    }
    let args: Args = {};
    try {
      args = validArgs(action, host, raw);
      if (!host.controlSecret)
        throw new BadUserInputError('This agent has no control-room secret', { field: 'host' });
      const client = new AgentClient(host.url, this.settings.timeoutMs);
      const query = await this.query(client, host, action, args);
      const answer = await client.controlRoom(query, host.controlSecret);
      const output = await this.redact(answer.body, host, key);
      const auditId = await this.audit(
        actor,
        { id: host.id, known: true },
        action,
        args,
        answer.ok,
        output,
        started,
      );
      return { ok: answer.ok, output, auditId };
    } catch (err) {
      const message = err instanceof BadUserInputError || err instanceof AgentError ? err.message : null;
      const auditId = await this.audit(
        actor,
        { id: host.id, known: true },
        action,
        args,
        false,
        message ?? 'internal error',
        started,
      );
      if (err instanceof AgentError) return { ok: false, output: err.message, auditId };
      throw err;
    }
  }

  private async query(client: AgentClient, host: DqmHostRow, action: ControlRoomAction, args: Args) {
    const q = new URLSearchParams({ what: CONTROL_ROOM_ACTIONS[action] });
    const machine = new URL(host.url).hostname;
    const playback = host.cluster === 'PLAYBACK' ? '1' : '0';
    switch (action) {
      case 'GET_DQM_CLIENTS':
        q.set('host', machine);
        q.set('playback', playback);
        break;
      case 'CHANGE_DQM_CLIENT': {
        const clients = await client.controlRoom(
          new URLSearchParams({ what: 'get_dqm_clients', host: machine, playback }),
          host.controlSecret!,
        );
        if (!clientNames(clients.body).includes(String(args.client))) {
          throw new BadUserInputError('client is not one of the agent’s DQM clients', { field: 'client' });
        }
        q.set('host', machine);
        q.set('playback', playback);
        q.set('client', `${String(args.client)}_cfg.py`);
        q.set('state', args.enabled ? '1' : '0');
        break;
      }
      case 'RESTART_HLTD':
      case 'RESTART_FFF':
      case 'GET_HLTD_LOGS':
      case 'GET_FFF_LOGS':
        q.set('host', machine);
        break;
      case 'GET_CLUSTER_STATUS':
        q.set('cluster', host.cluster === 'PLAYBACK' ? 'playback' : 'production');
        break;
      case 'START_PLAYBACK_RUN':
        q.set('host', machine);
        q.set('run_number', String(args.run));
        q.set('run_key', String(args.runKey));
        q.set('number_of_ls', String(args.lumisections));
        break;
      case 'GET_CMSSW_INFO':
      case 'GET_DQM_MACHINES':
        break;
    }
    return q;
  }

  private async redact(body: string, host: DqmHostRow, key: string): Promise<string> {
    const machine = new URL(host.url).hostname;
    // P5 host names: letters and digits in three or more dash-separated parts (dqmfu-c2b03-45-01).
    const names = new Set(body.match(/\b[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}(?:\.cms)?\b/g) ?? []);
    if (!/^[\d.]+$|^localhost$/.test(machine)) names.add(machine);
    let out = body.slice(0, 20_000);
    for (const name of [...names].sort((a, b) => b.length - a.length)) {
      const kind = machineKind(name);
      const pseudonym = await this.hosts.pseudonym(hostDigest(name, key), kind, (n) => pseudonymOf(kind, n));
      out = out.split(name).join(pseudonym);
    }
    return out.replace(/(?:\/[\w.@-]+)+\/([\w.@-]+)/g, '…/$1');
  }

  /**
   * The control room's audit row (its host only when known) and the hub's entry for a user's call
   * (target: the host asked for), stored together.
   */
  private async audit(
    actor: ControlRoomCaller,
    host: { id: string; known: boolean },
    action: ControlRoomAction,
    args: Args,
    ok: boolean,
    output: string,
    started: number,
  ): Promise<string> {
    const id = await this.hosts.audit(
      {
        actor: actor.username,
        hostId: host.known ? host.id : null,
        action,
        args,
        ok,
        output: output.slice(0, 4_000),
        durationMs: Date.now() - started,
      },
      actor.hub ? { ...actor.hub, hostId: host.id } : undefined,
    );
    return id.toString();
  }
}

/** The client names in a `get_dqm_clients` answer (`[["beam_dqm_sourceclient-live_cfg.py", true], …]`). */
function clientNames(body: string): string[] {
  try {
    const list = JSON.parse(body) as unknown;
    if (!Array.isArray(list)) return [];
    return list
      .map((e) => (Array.isArray(e) && typeof e[0] === 'string' ? e[0].replace(/_cfg\.py$/, '') : null))
      .filter((c): c is string => c !== null);
  } catch {
    return [];
  }
}

const INT = (v: unknown, field: string, min: number, max: number): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new BadUserInputError(`${field} must be an integer from ${min} to ${max}`, { field });
  }
  return v;
};

/** Each action's arguments, typed and bounded; anything else (an unknown key too) is refused. */
export function validArgs(action: ControlRoomAction, host: DqmHostRow, raw: unknown): Args {
  const given = raw === null || raw === undefined ? {} : raw;
  if (typeof given !== 'object' || Array.isArray(given))
    throw new BadUserInputError('args must be an object', { field: 'args' });
  const a = given as Record<string, unknown>;
  const allowed: Record<ControlRoomAction, string[]> = {
    GET_DQM_CLIENTS: [],
    CHANGE_DQM_CLIENT: ['client', 'enabled'],
    GET_CMSSW_INFO: [],
    GET_DQM_MACHINES: [],
    RESTART_HLTD: [],
    RESTART_FFF: [],
    GET_HLTD_LOGS: [],
    GET_FFF_LOGS: [],
    GET_CLUSTER_STATUS: [],
    START_PLAYBACK_RUN: ['run', 'runKey', 'lumisections'],
  };
  const extra = Object.keys(a).filter((k) => !allowed[action].includes(k));
  if (extra.length)
    throw new BadUserInputError(`Unknown argument(s) for ${action}: ${extra.join(', ')}`, { field: 'args' });
  if (action === 'CHANGE_DQM_CLIENT') {
    if (typeof a.client !== 'string' || !/^[\w-]{1,120}$/.test(a.client)) {
      throw new BadUserInputError('client must be a DQM client name', { field: 'client' });
    }
    if (typeof a.enabled !== 'boolean')
      throw new BadUserInputError('enabled must be a boolean', { field: 'enabled' });
    return { client: a.client, enabled: a.enabled };
  }
  if (action === 'START_PLAYBACK_RUN') {
    if (host.cluster !== 'PLAYBACK')
      throw new BadUserInputError('Playback runs start on playback agents only', { field: 'host' });
    const run = INT(a.run, 'run', 1, 2_147_483_647);
    if (typeof a.runKey !== 'string' || !(RUN_KEYS as readonly string[]).includes(a.runKey)) {
      throw new BadUserInputError(`runKey must be one of ${RUN_KEYS.join(' ')}`, { field: 'runKey' });
    }
    const lumisections = a.lumisections === undefined ? 0 : INT(a.lumisections, 'lumisections', 0, 10_000);
    return { run, runKey: a.runKey, lumisections };
  }
  return {};
}
