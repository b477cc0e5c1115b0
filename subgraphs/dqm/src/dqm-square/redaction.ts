import { createHmac } from 'node:crypto';

/**
 * Redaction at ingest (issue 10): nothing of an agent's document that names a machine or a path is
 * stored or served. Host names become pseudonyms (`fu-07`), looked up by an HMAC of the name so the
 * name itself is never written; a command line keeps only the client's name, the run key and the
 * CMSSW release; log excerpts are dropped unless the setting keeps them, and then their host names
 * are replaced too.
 */

/** The pseudonym's prefix: what kind of machine the name says it is (`dqmfu-…` → `fu`). */
export function machineKind(hostname: string): 'fu' | 'bu' | 'host' {
  const name = hostname.toLowerCase();
  if (/^(dqm)?(ru)?bu|rubu|[-_.]bu[-_.\d]/.test(name)) return 'bu';
  if (/^(dqm)?fu|[-_.]fu[-_.\d]/.test(name)) return 'fu';
  return 'host';
}

/** The HMAC under which a host name's pseudonym is kept (the key is the hub's secret). */
export function hostDigest(hostname: string, key: string): string {
  return createHmac('sha256', key).update(`dqm-host:${hostname.toLowerCase()}`).digest('hex');
}

/** The n-th pseudonym of a kind: `fu-07`. */
export function pseudonymOf(kind: string, n: number): string {
  return `${kind}-${String(n).padStart(2, '0')}`;
}

const RUN_KEYS = ['cosmic_run', 'pp_run', 'hi_run', 'commissioning_run', 'hpu_run'] as const;

export interface RedactedCommand {
  /** The client's name: its `_cfg.py` file name without the suffix or the path. */
  client: string | null;
  runKey: string | null;
  cmsswVersion: string | null;
}

/**
 * What is kept of a job's command line (`cmsRun <client path> … runkey=<key> …`): the client's
 * name, the run key when it is a known one, and the CMSSW release named in the client's path.
 */
export function redactCommandLine(cmdline: unknown): RedactedCommand {
  const args = Array.isArray(cmdline) ? cmdline.filter((a): a is string => typeof a === 'string') : [];
  const clientPath = args.find((a) => /_cfg\.py$/.test(a)) ?? args[1] ?? '';
  const file = clientPath.split('/').pop() ?? '';
  const client = file.replace(/_cfg\.py$/, '');
  const key = args.map((a) => /^runkey=(\w+)$/.exec(a)?.[1]).find(Boolean);
  const release = /CMSSW_\d+_\d+_\d+(?:_[A-Za-z0-9]+)?/.exec(clientPath)?.[0] ?? null;
  return {
    client: /^[\w.-]{1,120}$/.test(client) ? client : null,
    runKey: key && (RUN_KEYS as readonly string[]).includes(key) ? key : null,
    cmsswVersion: release,
  };
}

/** A kept log excerpt: each known host name replaced by its pseudonym, paths reduced to their file name. */
export function redactLog(text: unknown, names: Map<string, string>, maxChars = 4_000): string | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  let out = text.slice(-maxChars);
  for (const [name, pseudonym] of names) out = out.split(name).join(pseudonym);
  return out.replace(/(?:\/[\w.@-]+)+\/([\w.@-]+)/g, '…/$1');
}

/**
 * A document id with its host name replaced: `dqm-source-state-run<R>-host<H>-pid<P>` →
 * `run<R>-<pseudonym>-pid<P>`; `dqm-files-<H>-<tag>-run<R>` → `files-<pseudonym>-<tag>-run<R>`.
 */
export function redactedJobId(run: number, pseudonym: string, pid: number): string {
  return `run${run}-${pseudonym}-pid${pid}`;
}

export function redactedFilesId(pseudonym: string, tag: string, run: number): string {
  return `files-${pseudonym}-${tag.replace(/[^\w.-]/g, '_')}-run${run}`;
}
