import type { AgentDocument } from './agent-client.js';
import type { DqmClusterName } from './dqm-host.repository.js';
import type { DqmJobInput, StreamDeliveryInput } from './dqm-job.repository.js';
import { redactCommandLine, redactedFilesId, redactedJobId, redactLog } from './redaction.js';

/** A lumisection, seconds (the mirror's `LUMI`). */
export const LUMI_SECONDS = 23.310893056;

/** The document types the mirror keeps; the others (diskspace, stats, releases…) are not fetched. */
export const JOB_DOCUMENT = 'dqm-source-state';
export const FILES_DOCUMENT = 'dqm-files';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const word = (v: unknown, max = 64): string | null =>
  typeof v === 'string' && new RegExp(`^[\\w.-]{1,${max}}$`).test(v) ? v : null;

export interface RedactionContext {
  hostId: string;
  cluster: DqmClusterName;
  /** The pseudonym of a host name the documents carry. */
  pseudonym: (hostname: string) => string;
  /** Keep log excerpts (their host names and paths replaced)? */
  keepLogs: boolean;
  now: Date;
}

/** `"1234567 kB"` → 1234567. */
function kilobytes(v: unknown): number | null {
  const m = typeof v === 'string' ? /^(\d+)\s*kB$/i.exec(v.trim()) : null;
  return m ? Number(m[1]) : int(v);
}

/**
 * A `dqm-source-state` document as the row kept of it: host name → pseudonym, command line →
 * client, run key and release, logs dropped (or redacted when kept). Null when the document lacks
 * what identifies a job (its host, run and pid).
 */
export function jobOf(doc: AgentDocument, ctx: RedactionContext): DqmJobInput | null {
  const hostname = typeof doc.hostname === 'string' && doc.hostname ? doc.hostname : null;
  const run = int(doc.run) ?? int(doc.cmssw_run);
  const pid = int(doc.pid) ?? (/pid0*(\d+)$/.exec(doc._id) ? Number(/pid0*(\d+)$/.exec(doc._id)![1]) : null);
  if (!hostname || run === null || pid === null) return null;
  const name = ctx.pseudonym(hostname);
  const command = redactCommandLine(doc.cmdline);
  const extra = obj(doc.extra);
  const names = new Map([[hostname, name]]);
  const timestamp = num(doc.timestamp) ?? num(doc.report_timestamp);
  return {
    id: redactedJobId(run, name, pid),
    hostId: ctx.hostId,
    cluster: ctx.cluster,
    hostName: name,
    run,
    client: command.client ?? word(doc.tag, 120) ?? 'unknown',
    runKey: command.runKey,
    cmsswVersion: command.cmsswVersion,
    exitCode: int(doc.exit_code),
    eventsTotal: BigInt(Math.max(0, Math.trunc(num(doc.events_total) ?? 0))),
    eventsRate: num(doc.events_rate) ?? 0,
    lumisection: int(doc.cmssw_lumi),
    fiState: word(doc.fi_state, 32),
    memoryKb: kilobytes(obj(extra.ps_info).VmRSS),
    logHead: ctx.keepLogs ? redactLog(extra.stdlog_start, names) : null,
    logTail: ctx.keepLogs ? redactLog(extra.stdlog_end, names) : null,
    updatedAt: timestamp === null ? ctx.now : new Date(timestamp * 1000),
    rev: BigInt(doc._rev),
  };
}

/**
 * A `dqm-files` document as its stream deliveries: per stream and lumisection, the delay of the
 * file after the lumisection's end (mtime − run start − LUMI − (ls − 1) × LUMI, as the mirror
 * plots it), events accepted and processed, size. Null when it is not one.
 */
export function deliveriesOf(
  doc: AgentDocument,
  ctx: RedactionContext,
): { documentId: string; rows: StreamDeliveryInput[] } | null {
  const hostname = typeof doc.hostname === 'string' && doc.hostname ? doc.hostname : null;
  const run = int(doc.run);
  const extra = obj(doc.extra);
  const start = num(extra.global_start);
  if (!hostname || run === null || start === null) return null;
  const rows: StreamDeliveryInput[] = [];
  for (const [stream, value] of Object.entries(obj(extra.streams))) {
    if (!word(stream)) continue;
    const s = obj(value);
    const lumis = Array.isArray(s.lumis) ? s.lumis : [];
    lumis.forEach((lumi, i) => {
      const ls = int(lumi);
      const mtime = num((s.mtimes as unknown[] | undefined)?.[i]);
      if (ls === null || mtime === null) return;
      rows.push({
        run,
        stream,
        lumisection: ls,
        delaySeconds: mtime - start - LUMI_SECONDS - (ls - 1) * LUMI_SECONDS,
        evtAccepted: int((s.evt_accepted as unknown[] | undefined)?.[i]) ?? -1,
        evtProcessed: int((s.evt_processed as unknown[] | undefined)?.[i]) ?? -1,
        fileSize: BigInt(int((s.fsize as unknown[] | undefined)?.[i]) ?? -1),
        deliveredAt: new Date(mtime * 1000),
      });
    });
  }
  const unique = new Map(rows.map((r) => [`${r.stream}/${r.lumisection}`, r]));
  return {
    documentId: redactedFilesId(ctx.pseudonym(hostname), word(doc.tag) ?? 'files', run),
    rows: [...unique.values()],
  };
}
