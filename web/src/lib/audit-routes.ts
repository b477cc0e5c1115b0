/** The audit page's filter, as its hash path carries it (`#/audit?kind=queue.&since=…`). */
export interface AuditFilter {
  actor: string | null;
  kind: string | null;
  entity: string | null;
  /** ISO 8601 instants (UTC). */
  since: string | null;
  until: string | null;
}

export type AuditRoute = { name: 'audit'; filter: AuditFilter } | { name: 'explorer' };

export const NO_AUDIT_FILTER: AuditFilter = {
  actor: null,
  kind: null,
  entity: null,
  since: null,
  until: null,
};

const KEYS = ['actor', 'kind', 'entity', 'since', 'until'] as const;

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** `/audit` and `/explorer`, or null for any other path. A malformed date in a link is dropped, not sent. */
export function parseAuditRoute(pathname: string, query: string): AuditRoute | null {
  if (pathname === '/explorer') return { name: 'explorer' };
  if (pathname !== '/audit') return null;
  const params = new URLSearchParams(query);
  const text = (key: string) => params.get(key)?.trim() || null;
  return {
    name: 'audit',
    filter: {
      actor: text('actor'),
      kind: text('kind'),
      entity: text('entity'),
      since: isoOrNull(text('since')),
      until: isoOrNull(text('until')),
    },
  };
}

/** The query string of a filter (empty values left out), for the hash path and the CSV export. */
export function auditQuery(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The audit page's hash path for a filter. */
export function auditPath(filter: AuditFilter): string {
  return `/audit${auditQuery(filter)}`;
}

/**
 * A `datetime-local` input's value (the browser's local time, no zone) as an ISO instant, and back.
 * The page shows local time; the API and the link carry UTC.
 */
export function localToIso(local: string): string | null {
  if (!local) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function isoToLocal(iso: string | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** Which domain an audited kind belongs to, for the page's badge (`queue.pause` → ops). */
export function domainOfKind(kind: string): string {
  const head = kind.split('.')[0] ?? kind;
  return ['alerts', 'workflow', 'dcs', 'dqm'].includes(head) ? head : 'ops';
}
