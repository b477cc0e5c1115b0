// DQM² sync: a full sync of N agents × M job documents with batched request_documents (the hub) against one request
// per document (what the mirror's grabber does), each through the same service into a fresh database, as a ratio.
import { loadavg } from 'node:os';
import { createLogger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { createDqmServices } from '@opshub/dqm';
import { EventBus } from '@opshub/events';
import { DqmMachine, startDqmAgentServer, type DqmAgentServer } from '@opshub/simulators/dqm-agent';
import { createTestDatabase, deleteKeys, TEST_SECRET, testRedisUrl, uniquePrefix } from '@opshub/testing';
import type { Bench } from './registry.js';

interface Mode {
  batchSize: number;
  ms: number;
  requests: number;
  documents: number;
  documentsPerSecond: number;
}

interface DqmSquareBenchResult {
  settings: { agents: number; documentsPerAgent: number; batchSize: number };
  load: { before: number; after: number };
  batched: Mode;
  perDocument: Mode;
  /** Per-document time over batched time. */
  speedup: number;
}

/** One FU agent holding `count` job documents of one run, as the simulator writes them. */
function machine(i: number, count: number): DqmMachine {
  const hostname = `dqmfu-bench-${String(i).padStart(2, '0')}`;
  const m = new DqmMachine({ hostname, role: 'FU', cluster: 'production', firstRun: 400_000, seed: i + 1 });
  const now = Date.now() / 1000;
  m.store.put(
    ...Array.from({ length: count }, (_, pid) => ({
      _id: `dqm-source-state-run400000-host${hostname}-pid${String(pid).padStart(6, '0')}`,
      type: 'dqm-source-state',
      hostname,
      tag: 'beam_dqm_sourceclient-live',
      run: 400_000,
      pid,
      timestamp: now,
      cmdline: ['cmsRun', '/dqmdata/CMSSW_14_0_15/src/beam_dqm_sourceclient-live_cfg.py', 'runkey=pp_run'],
      events_total: 1000 * pid,
      events_rate: 42.5,
      cmssw_lumi: pid % 50,
      ...(pid % 9 === 0 ? { exit_code: 0 } : {}),
      extra: {
        ps_info: { VmRSS: '1200000 kB' },
        stdlog_start: 'x'.repeat(2000),
        stdlog_end: 'y'.repeat(2000),
      },
    })),
  );
  return m;
}

async function syncAll(urls: string[], batchSize: number): Promise<Mode> {
  const database = await createTestDatabase('benchdqmsquare');
  const db = createDb(database.url, { max: 12 });
  const prefix = uniquePrefix('bench-dqm');
  const events = await EventBus.connect(testRedisUrl(), prefix);
  try {
    const { square } = createDqmServices(db, {
      events,
      log: createLogger('bench', 'silent'),
      pseudonymKey: TEST_SECRET,
      square: { batchSize, timeoutMs: 30_000 },
    });
    const hosts = await Promise.all(urls.map((url) => square.hosts.add('PRODUCTION', url, null)));
    const t0 = performance.now();
    const outcomes = await Promise.all(hosts.map((h) => square.sync.syncHost(h.id)));
    const ms = performance.now() - t0;
    let requests = 0;
    let documents = 0;
    for (const o of outcomes) {
      if (o.status !== 'synced') throw new Error(`a sync did not complete: ${JSON.stringify(o)}`);
      requests += o.requests;
      documents += o.documents;
    }
    return {
      batchSize,
      ms: Math.round(ms),
      requests,
      documents,
      documentsPerSecond: Math.round(documents / (ms / 1000)),
    };
  } finally {
    await deleteKeys(testRedisUrl(), prefix).catch(() => undefined);
    await events.close();
    await db.$disconnect();
    await database.drop();
  }
}

export const dqmSquareBench: Bench<DqmSquareBenchResult> = {
  async run(args) {
    const agents = Number(args[0] ?? 10);
    const documentsPerAgent = Number(args[1] ?? 1000);
    const batchSize = 250;
    const loadBefore = loadavg()[0]!;
    const servers: DqmAgentServer[] = [];
    try {
      for (let i = 0; i < agents; i++) {
        const m = machine(i, documentsPerAgent);
        servers.push(
          await startDqmAgentServer({ machine: m, cluster: [m], secret: 'bench-secret-0123456789' }),
        );
      }
      const urls = servers.map((s) => s.url);
      const batched = await syncAll(urls, batchSize);
      const perDocument = await syncAll(urls, 1);
      return {
        settings: { agents, documentsPerAgent, batchSize },
        load: { before: round(loadBefore), after: round(loadavg()[0]!) },
        batched,
        perDocument,
        speedup: round(perDocument.ms / batched.ms),
      };
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  },
  summary(r) {
    const line = (name: string, m: Mode) =>
      `${name}: ${m.ms} ms, ${m.requests} requests, ${m.documents} documents (${m.documentsPerSecond} documents/s)`;
    return [
      `dqm-square: ${r.settings.agents} agents × ${r.settings.documentsPerAgent} documents, load average ` +
        `${r.load.before} → ${r.load.after}`,
      line(`  batched (${r.settings.batchSize})`, r.batched),
      line('  one per document', r.perDocument),
      `  speedup ${r.speedup}× (goal ≥ 10×)`,
    ].join('\n');
  },
};

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
