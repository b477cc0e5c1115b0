import { CMSSW_VERSION, DQM_CLIENTS, type DqmMachine } from './dqm-machine.js';

const RUN_KEYS = new Set(['cosmic_run', 'pp_run', 'hi_run']);

export interface ControlRoomAnswer {
  status: number;
  body: string;
}

/**
 * The agent's `/cr/exe?what=<verb>` answers (fff_web.py `cr_api`), on the simulated machines: the
 * same verbs, arguments and answer shapes (JSON lists and objects, or text), 400 for a missing or
 * unknown argument. Nothing is run in a shell; a host is looked up among the cluster's machines
 * (the loopback address is the agent's own machine).
 */
export function controlRoomAnswer(
  self: DqmMachine,
  cluster: DqmMachine[],
  q: URLSearchParams,
  now: number,
): ControlRoomAnswer {
  const what = q.get('what');
  // The simulated agents listen on loopback: a mirror names them by that address.
  const machine = (): DqmMachine | undefined =>
    /^(127\.0\.0\.1|localhost)$/.test(q.get('host') ?? '')
      ? self
      : cluster.find((m) => m.hostname === q.get('host'));
  const ok = (body: unknown): ControlRoomAnswer => ({
    status: 200,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const bad = (body: string): ControlRoomAnswer => ({ status: 400, body });
  switch (what) {
    case 'get_dqm_clients': {
      const m = machine();
      if (!m) return ok('host argument not defined');
      return ok(DQM_CLIENTS.map((c) => [`${c}_cfg.py`, m.activeClients.has(c)]));
    }
    case 'change_dqm_client': {
      const m = machine();
      const client = (q.get('client') ?? '').replace(/_cfg\.py$/, '');
      if (!m || !(DQM_CLIENTS as readonly string[]).includes(client)) return bad('unknown host or client');
      if (q.get('state') === '1') m.activeClients.add(client);
      else m.activeClients.delete(client);
      return ok(`${client}_cfg.py ${q.get('state') === '1' ? 'enabled' : 'disabled'}`);
    }
    case 'get_cmssw_info':
      return ok(
        `\n<strong>Playback:</strong>\n${CMSSW_VERSION}\n<strong>Production:</strong>\n${CMSSW_VERSION}`,
      );
    case 'get_dqm_machines':
      return ok({
        fu: cluster.filter((m) => m.options.role === 'FU').map((m) => m.hostname),
        bu: cluster.filter((m) => m.options.role === 'BU').map((m) => m.hostname),
      });
    case 'restart_hltd':
    case 'restart_fff': {
      const m = machine();
      if (!m) return bad(`Specify host to restart ${what === 'restart_hltd' ? 'HLTD' : 'FFF'}`);
      return ok(`${what === 'restart_hltd' ? 'hltd' : 'fff_dqmtools'} restarted on ${m.hostname}`);
    }
    case 'get_hltd_logs': {
      const m = machine();
      if (!m) return ok(['Specify host HLTD', 'Specify host HLTD']);
      return ok([`INFO hltd on ${m.hostname}: run ${m.run} ok`, `INFO anelastic on ${m.hostname}: idle`]);
    }
    case 'get_fff_logs': {
      const m = machine();
      return ok([m ? `INFO fff_dqmtools on ${m.hostname}: syncing run ${m.run}` : 'Specify host FFF']);
    }
    case 'get_cluster_status': {
      const cluster_ = q.get('cluster') ?? 'playback';
      if (!cluster.some((m) => m.options.cluster === cluster_)) {
        return { status: 404, body: JSON.stringify(`Cluster ${cluster_} does not exist.`) };
      }
      return ok(Object.fromEntries(cluster.map((m) => [m.hostname, { up: true, msg: null }])));
    }
    case 'get_simulator_config':
      return ok({ run_key: cluster[0]?.runKey, number_of_ls: 12, source: '/fff/ramdisk/playback_files/run' });
    case 'get_simulator_runs':
      return ok([...new Set(cluster.map((m) => m.run))]);
    case 'start_playback_run': {
      const run = Number(q.get('run_number'));
      const runKey = q.get('run_key') ?? '';
      if (!Number.isInteger(run) || run <= 0 || !RUN_KEYS.has(runKey))
        return bad('cr_api@start_playback_run: error');
      for (const m of cluster) m.startRun(run, runKey as 'pp_run', now);
      return ok('start_playback_run Ok');
    }
    default:
      return bad(`No actions defined for request ${what}`);
  }
}
