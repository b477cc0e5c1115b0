import { AgentStore, type AgentDocument } from './agent-store.js';

/** A lumisection, seconds (the mirror's `LUMI`). */
export const LUMI_SECONDS = 23.310893056;

/** The DQM clients a FU runs (their `_cfg.py` files under the CMSSW release's clients directory). */
export const DQM_CLIENTS = [
  'beam_dqm_sourceclient-live',
  'pixel_dqm_sourceclient-live',
  'sistrip_dqm_sourceclient-live',
  'ecal_dqm_sourceclient-live',
  'hcal_dqm_sourceclient-live',
  'l1t_dqm_sourceclient-live',
] as const;

export const CMSSW_VERSION = 'CMSSW_14_0_15_patch1';
const RUN_KEYS = ['pp_run', 'cosmic_run', 'hi_run'] as const;
const STREAMS = ['streamDQM', 'streamDQMHistograms', 'streamDQMCalibration'] as const;
/** Lumisections per simulated run before its jobs end and the next run starts. */
const LUMIS_PER_RUN = 12;

export type MachineRole = 'FU' | 'BU';

export interface DqmMachineOptions {
  /** The real-looking host name (`dqmfu-c2b03-45-01`): what the mirror must redact. */
  hostname: string;
  role: MachineRole;
  cluster: 'production' | 'playback';
  /** The first run number this machine simulates. */
  firstRun: number;
  seed: number;
}

interface Job {
  client: string;
  pid: number;
  eventsTotal: number;
  lumi: number;
  /** What happens to this job: it ends with exit 0, crashes at a lumisection, or stalls there. */
  fate: { kind: 'finish' } | { kind: 'crash' | 'stall'; atLumi: number };
  done: boolean;
  /** Changed since its document was last written (the agent writes a document when it changes). */
  dirty: boolean;
}

/**
 * One DQM machine as its agent reports it: a FU runs one job per DQM client per run
 * (`dqm-source-state-run<R>-host<H>-pid<P>` documents), a BU writes the run's stream files
 * (`dqm-files-<host>-<tag>-run<R>`). `step()` advances one lumisection: jobs progress, finish,
 * crash or stall, then the next run starts; every changed document is written to the store, which
 * gives it a new rev.
 */
export class DqmMachine {
  readonly store = new AgentStore();
  /** Which clients are switched on (`change_dqm_client`). */
  readonly activeClients = new Set<string>(DQM_CLIENTS.slice(0, 4));
  run: number;
  runKey: (typeof RUN_KEYS)[number] = 'pp_run';
  private lumi = 0;
  private jobs: Job[] = [];
  private runStart = 0;
  private random: () => number;
  private nextPid: number;

  constructor(readonly options: DqmMachineOptions) {
    this.run = options.firstRun;
    this.random = lcg(options.seed);
    this.nextPid = 20_000 + options.seed * 97;
  }

  get hostname(): string {
    return this.options.hostname;
  }

  /** Starts a run now (the simulator's own run, or `start_playback_run`). */
  startRun(run: number, runKey: (typeof RUN_KEYS)[number], nowSeconds: number): void {
    this.run = run;
    this.runKey = runKey;
    this.lumi = 0;
    this.runStart = nowSeconds;
    this.jobs =
      this.options.role === 'FU'
        ? [...this.activeClients].map((client, i) => ({
            client,
            pid: this.nextPid++,
            eventsTotal: 0,
            lumi: 0,
            fate: this.fate(i),
            done: false,
            dirty: true,
          }))
        : [];
    this.write(nowSeconds);
  }

  /** One lumisection later. */
  step(nowSeconds: number): void {
    if (this.runStart === 0) return this.startRun(this.run, this.runKey, nowSeconds);
    this.lumi += 1;
    if (this.lumi > LUMIS_PER_RUN) {
      for (const job of this.jobs) {
        if (!job.done && job.fate.kind === 'finish') Object.assign(job, { done: true, dirty: true });
      }
      this.write(nowSeconds, 0);
      return this.startRun(this.run + 1, RUN_KEYS[(this.run + 1) % RUN_KEYS.length]!, nowSeconds);
    }
    for (const job of this.jobs) {
      if (job.done) continue;
      if (job.fate.kind !== 'finish' && this.lumi >= job.fate.atLumi) {
        job.done = true;
        // A stalled job stops reporting: its document keeps its last state and ages.
        if (job.fate.kind === 'stall') continue;
      }
      job.dirty = true;
      job.lumi = this.lumi;
      job.eventsTotal += 800 + Math.floor(this.random() * 400);
    }
    this.write(nowSeconds);
  }

  private fate(index: number): Job['fate'] {
    const r = this.random();
    if (index === 1 && r < 0.5) return { kind: 'crash', atLumi: 3 + Math.floor(this.random() * 6) };
    if (index === 2 && r < 0.3) return { kind: 'stall', atLumi: 2 + Math.floor(this.random() * 6) };
    return { kind: 'finish' };
  }

  private write(nowSeconds: number, exitForFinished?: number): void {
    if (this.options.role === 'BU') {
      this.store.put(this.filesDocument(nowSeconds));
      return;
    }
    const docs: AgentDocument[] = [];
    for (const job of this.jobs) {
      if (!job.dirty) continue;
      job.dirty = false;
      docs.push(this.jobDocument(job, nowSeconds, exitForFinished));
    }
    this.store.put(...docs);
  }

  private jobDocument(job: Job, now: number, exitForFinished: number | undefined): AgentDocument {
    const { hostname } = this.options;
    const crashed = job.fate.kind === 'crash' && job.done;
    const exitCode = crashed ? 134 : job.done && job.fate.kind === 'finish' ? exitForFinished : undefined;
    const clientPath = `/dqmdata/dqm_cmssw/${CMSSW_VERSION}/src/DQM/Integration/python/clients/${job.client}_cfg.py`;
    return {
      _id: `dqm-source-state-run${this.run}-host${hostname}-pid${String(job.pid).padStart(6, '0')}`,
      type: 'dqm-source-state',
      hostname,
      tag: job.client,
      run: this.run,
      pid: job.pid,
      timestamp: now,
      report_timestamp: now,
      cmdline: [
        'cmsRun',
        clientPath,
        `runInputDir=/fff/BU0/ramdisk/${hostname}`,
        `runNumber=${this.run}`,
        `runkey=${this.runKey}`,
        'scanOnce=True',
      ],
      ...(exitCode === undefined ? {} : { exit_code: exitCode }),
      events_total: job.eventsTotal,
      events_rate: job.lumi === 0 ? 0 : job.eventsTotal / (job.lumi * LUMI_SECONDS),
      cmssw_run: this.run,
      cmssw_lumi: job.lumi,
      fi_state: exitCode === undefined ? 'running' : 'finished',
      extra: {
        ps_info: { VmRSS: `${1_200_000 + job.lumi * 5_000} kB` },
        stdlog_start: `%MSG-i ${job.client} on ${hostname}: opening /fff/BU0/ramdisk/run${this.run}\n`,
        stdlog_end: crashed
          ? `A fatal system signal has occurred: segmentation violation on ${hostname}\n`
          : `Begin processing the ${job.lumi}th lumisection on ${hostname}\n`,
        lumi_seen: {},
      },
    };
  }

  private filesDocument(now: number): AgentDocument {
    const { hostname } = this.options;
    const streams: Record<string, Record<string, number[]>> = {};
    for (const stream of STREAMS) {
      const s = { lumis: [] as number[], mtimes: [] as number[], ctimes: [] as number[] };
      const counts = { evt_processed: [] as number[], evt_accepted: [] as number[], fsize: [] as number[] };
      for (let ls = 1; ls <= Math.min(this.lumi, LUMIS_PER_RUN); ls++) {
        // Delivery delay grows a little per lumisection; the histograms stream lags behind.
        const delay = 4 + ls * 0.3 + (stream === 'streamDQMHistograms' ? 12 : 0);
        const mtime = this.runStart + LUMI_SECONDS + (ls - 1) * LUMI_SECONDS + delay;
        s.lumis.push(ls);
        s.mtimes.push(mtime);
        s.ctimes.push(mtime - 0.5);
        counts.evt_processed.push(1000 + ((ls * 37) % 200));
        counts.evt_accepted.push(900 + ((ls * 53) % 150));
        counts.fsize.push(2_000_000 + ls * 1_000);
      }
      streams[stream] = { ...s, ...counts };
    }
    return {
      _id: `dqm-files-${hostname}-fff_filemonitor-run${this.run}`,
      type: 'dqm-files',
      hostname,
      tag: 'fff_filemonitor',
      run: this.run,
      timestamp: now,
      sequence: 0,
      pid: 4242,
      extra: {
        streams,
        global_start: this.runStart,
        global_start_source: 'first_lumi',
        lumi: LUMI_SECONDS,
      },
    };
  }
}

/** A small deterministic generator, so a demo looks the same on every machine. */
function lcg(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
