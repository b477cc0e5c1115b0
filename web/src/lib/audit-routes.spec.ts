import { describe, expect, it } from 'vitest';
import {
  auditPath,
  auditQuery,
  domainOfKind,
  isoToLocal,
  localToIso,
  NO_AUDIT_FILTER,
  parseAuditRoute,
} from './audit-routes';
import { parseRoute } from './routes';

describe('audit routes', () => {
  it('reads the explorer and the audit page with its filter from the hash path', () => {
    expect(parseRoute('/explorer')).toEqual({ name: 'explorer' });
    expect(parseRoute('/audit')).toEqual({ name: 'audit', filter: NO_AUDIT_FILTER });
    expect(parseRoute('/audit?kind=queue.&entity=maintenance&since=2026-01-01T00:00:00Z')).toEqual({
      name: 'audit',
      filter: {
        ...NO_AUDIT_FILTER,
        kind: 'queue.',
        entity: 'maintenance',
        since: '2026-01-01T00:00:00.000Z',
      },
    });
    expect(parseAuditRoute('/audits', '')).toBeNull();
  });

  it('drops a malformed date from a link instead of sending it', () => {
    expect(parseAuditRoute('/audit', 'until=yesterday')).toEqual({ name: 'audit', filter: NO_AUDIT_FILTER });
  });

  it('round-trips a filter through the path, leaving empty values out', () => {
    const filter = { ...NO_AUDIT_FILTER, actor: 'a b&c', until: '2026-02-01T00:00:00.000Z' };
    expect(auditQuery(NO_AUDIT_FILTER)).toBe('');
    expect(auditPath(filter)).toBe('/audit?actor=a+b%26c&until=2026-02-01T00%3A00%3A00.000Z');
    expect(parseRoute(auditPath(filter))).toEqual({ name: 'audit', filter });
  });

  it('converts the local date-time inputs to UTC instants and back', () => {
    const iso = localToIso('2026-03-04T05:06');
    expect(iso).toBe(new Date(2026, 2, 4, 5, 6).toISOString());
    expect(isoToLocal(iso)).toBe('2026-03-04T05:06');
    expect(localToIso('')).toBeNull();
    expect(isoToLocal(null)).toBe('');
  });

  it('names the domain of a kind', () => {
    expect(domainOfKind('alerts.alert-source-add')).toBe('alerts');
    expect(domainOfKind('queue.pause')).toBe('ops');
    expect(domainOfKind('session.login')).toBe('ops');
  });
});
