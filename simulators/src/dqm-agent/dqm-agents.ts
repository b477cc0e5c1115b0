import { DqmMachine, LUMI_SECONDS, type DqmMachineOptions } from './dqm-machine.js';
import { startDqmAgentServer, type DqmAgentServer } from './agent-server.js';

export { AgentStore } from './agent-store.js';
export type { AgentDocument } from './agent-store.js';
export { SECRET_COOKIE, startDqmAgentServer } from './agent-server.js';
export type { DqmAgentServer, DqmAgentServerOptions } from './agent-server.js';
export { DqmMachine, DQM_CLIENTS } from './dqm-machine.js';

/** The simulated P5 DQM machines: a BU and FUs per cluster, names as at P5. */
export const DQM_MACHINES: Omit<DqmMachineOptions, 'seed'>[] = [
  { hostname: 'dqmrubu-c2a06-01-01', role: 'BU', cluster: 'production', firstRun: 386_501 },
  { hostname: 'dqmfu-c2b03-45-01', role: 'FU', cluster: 'production', firstRun: 386_501 },
  { hostname: 'dqmfu-c2b04-45-01', role: 'FU', cluster: 'production', firstRun: 386_501 },
  { hostname: 'dqmrubu-c2a06-03-01', role: 'BU', cluster: 'playback', firstRun: 386_300 },
  { hostname: 'dqmfu-c2b01-45-01', role: 'FU', cluster: 'playback', firstRun: 386_300 },
  { hostname: 'dqmfu-c2b02-45-01', role: 'FU', cluster: 'playback', firstRun: 386_300 },
];

export interface DqmAgentsOptions {
  secret: string;
  host?: string;
  /** The first machine's port, the next ones follow (0: each a free port). */
  basePort?: number;
  /** Wall-clock ms per simulated lumisection (default: a real lumisection, 23.3 s). */
  stepMs?: number;
}

export interface RunningDqmAgent {
  cluster: 'production' | 'playback';
  machine: DqmMachine;
  url: string;
}

export interface DqmAgents {
  agents: RunningDqmAgent[];
  close(): Promise<void>;
}

/**
 * Every simulated DQM machine with its agent on its own port (the real ones all listen on 9215 of
 * their own host), stepping one lumisection per `stepMs`. The machines of a cluster answer each
 * other's cluster-wide control-room verbs.
 */
export async function startDqmAgents(options: DqmAgentsOptions): Promise<DqmAgents> {
  const machines = DQM_MACHINES.map((m, i) => new DqmMachine({ ...m, seed: i + 1 }));
  const now = Date.now() / 1000;
  for (const m of machines) m.startRun(m.run, 'pp_run', now);
  const servers: DqmAgentServer[] = [];
  try {
    for (const [i, machine] of machines.entries()) {
      const cluster = machines.filter((m) => m.options.cluster === machine.options.cluster);
      const port = options.basePort ? options.basePort + i : 0;
      servers.push(
        await startDqmAgentServer({ machine, cluster, secret: options.secret, host: options.host, port }),
      );
    }
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }
  const timer = setInterval(
    () => {
      for (const m of machines) m.step(Date.now() / 1000);
    },
    options.stepMs ?? LUMI_SECONDS * 1000,
  );
  timer.unref();
  return {
    agents: machines.map((machine, i) => ({
      cluster: machine.options.cluster,
      machine,
      url: servers[i]!.url,
    })),
    close: async () => {
      clearInterval(timer);
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
