import { parseAlertsRoute, type AlertsRoute } from './alerts-routes';
import { parseAuditRoute, type AuditRoute } from './audit-routes';
import { parseDqmRoute, type DqmRoute } from './dqm-routes';
import { parseQueuesRoute, type QueuesRoute } from './queues-routes';

/** The pages of the app, read from the hash path (`#/workflow?program=…`, `#/ous/<url-encoded id>`). */
export type Route =
  | DqmRoute
  | AlertsRoute
  | AuditRoute
  | QueuesRoute
  | { name: 'home' }
  | { name: 'login' }
  | { name: 'workflow'; programId: string | null }
  | { name: 'ous'; id: string }
  | { name: 'dcs' }
  | { name: 'device'; id: string }
  | { name: 'not-found'; path: string };

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray `%` in a hand-typed id: take it as written
  }
}

export function parseRoute(path: string): Route {
  const [pathname = '/', query = ''] = path.split(/\?(.*)/s, 2);
  if (pathname === '/' || pathname === '') return { name: 'home' };
  if (pathname === '/login') return { name: 'login' };
  if (pathname === '/dcs') return { name: 'dcs' };
  const dqm = pathname.startsWith('/dqm') ? parseDqmRoute(pathname, query) : null;
  if (dqm) return dqm;
  const alerts = pathname.startsWith('/alerts') ? parseAlertsRoute(pathname, query) : null;
  if (alerts) return alerts;
  const queues = pathname.startsWith('/queues') ? parseQueuesRoute(pathname, query) : null;
  if (queues) return queues;
  const audit = parseAuditRoute(pathname, query);
  if (audit) return audit;
  // Channel ids contain a slash (module-1/hv): everything after the prefix is the id.
  if (pathname.startsWith('/dcs/device/') && pathname.length > '/dcs/device/'.length) {
    return { name: 'device', id: decode(pathname.slice('/dcs/device/'.length)) };
  }
  if (pathname === '/workflow') {
    const program = new URLSearchParams(query).get('program')?.trim();
    return { name: 'workflow', programId: program ? program : null };
  }
  // OUS ids contain slashes (uid://A001/X1/X1): everything after the prefix is the id, so a link
  // whose id was not encoded still works.
  if (pathname.startsWith('/ous/') && pathname.length > '/ous/'.length) {
    return { name: 'ous', id: decode(pathname.slice('/ous/'.length)) };
  }
  return { name: 'not-found', path };
}

/** The hash path of an OUS page (without `#`). */
export function ousPath(id: string): string {
  return `/ous/${encodeURIComponent(id)}`;
}

/** The href of an OUS page. */
export function ousHref(id: string): string {
  return `#${ousPath(id)}`;
}

/** The hash path of the board, filtered by programme when one is given. */
export function workflowPath(programId: string | null): string {
  return programId ? `/workflow?program=${encodeURIComponent(programId)}` : '/workflow';
}

/** The href of a DCS device's page (its command history). */
export function deviceHref(id: string): string {
  return `#/dcs/device/${encodeURIComponent(id)}`;
}
