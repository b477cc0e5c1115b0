import type { AgentDocument } from './agent-client.js';
import { FILES_DOCUMENT, JOB_DOCUMENT } from './document-redactor.js';
import { redactedFilesId, redactedJobId } from './redaction.js';

/**
 * Whether an agent's document is one the mirror can keep (issue 10: "bad agent documents into
 * quarantine"). A document that is not is quarantined with the reason given here and the rest of
 * its batch is applied. Reasons name fields and types only, never a value (values may name machines).
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);
const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v);
const isNum = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/** Optional fields: absent or null is fine, anything else must have the type. */
const JOB_FIELDS: [string, (v: unknown) => boolean, string][] = [
  ['exit_code', isInt, 'an integer'],
  ['cmssw_lumi', isInt, 'an integer'],
  ['events_total', isNum, 'a number'],
  ['events_rate', isNum, 'a number'],
  ['timestamp', isNum, 'a number'],
  ['cmdline', Array.isArray, 'an array'],
  ['extra', isObject, 'an object'],
];

/** Why `doc`, fetched for a header of type `wanted`, cannot be kept; null when it can. */
export function documentProblem(doc: AgentDocument, wanted: string | null): string | null {
  if (typeof doc.type !== 'string' || doc.type === '') return 'the document has no type';
  if (doc.type !== JOB_DOCUMENT && doc.type !== FILES_DOCUMENT)
    return 'the document’s type is not one the mirror keeps';
  if (wanted !== null && doc.type !== wanted) return 'the document’s type differs from its header’s';
  if (typeof doc.hostname !== 'string' || doc.hostname === '')
    return `hostname is ${kindOf(doc.hostname)}, not a host name`;
  if (doc.type === JOB_DOCUMENT) {
    if (!isInt(doc.run) && !isInt(doc.cmssw_run)) return 'neither run nor cmssw_run is an integer';
    if (doc.pid !== undefined && doc.pid !== null && !isInt(doc.pid)) return 'pid is not an integer';
    if (!isInt(doc.pid) && !/pid\d+$/.test(doc._id)) return 'the document has no pid';
    for (const [field, ok, what] of JOB_FIELDS) {
      const v = doc[field];
      if (v !== undefined && v !== null && !ok(v)) return `${field} is ${kindOf(v)}, not ${what}`;
    }
    return null;
  }
  if (!isInt(doc.run)) return 'run is not an integer';
  const extra = doc.extra;
  if (!isObject(extra)) return 'extra is not an object';
  if (!isNum(extra.global_start)) return 'extra.global_start is not a number';
  if (!isObject(extra.streams)) return 'extra.streams is not an object';
  return null;
}

const JOB_ID = /^dqm-source-state-run(\d{1,10})-host(.+)-pid0*(\d{1,10})$/;
const FILES_ID = /^dqm-files-(.+)-([\w.]{1,64})-run(\d{1,10})$/;

/** The host names a document id carries (`…-host<H>-pid…`, `dqm-files-<H>-…`), to be given pseudonyms. */
export function hostNamesInId(id: string): string[] {
  const name = JOB_ID.exec(id)?.[2] ?? FILES_ID.exec(id)?.[1];
  return name ? [name] : [];
}

/**
 * A document id as the quarantine keeps it: the ids the mirror knows with their host name replaced
 * (as the jobs' own ids are), any other id by a keyed digest of it, since it may name a machine.
 */
export function quarantineName(
  id: string,
  pseudonym: (hostname: string) => string,
  digest: (text: string) => string,
): string {
  const job = JOB_ID.exec(id);
  if (job) return redactedJobId(Number(job[1]), pseudonym(job[2]!), Number(job[3]));
  const files = FILES_ID.exec(id);
  if (files) return redactedFilesId(pseudonym(files[1]!), files[2]!, Number(files[3]));
  return `document-${digest(id).slice(0, 16)}`;
}
