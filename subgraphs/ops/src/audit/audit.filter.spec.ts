import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { matchesAuditFilter, parseAuditFilter } from './audit.filter.js';

const USER = '6f1c7a52-3d4e-4b9a-9a1e-2b3c4d5e6f70';
const entry = (target: string | null, kind = 'queue.pause', at = new Date('2026-01-01T12:00:00Z')) => ({
  actorId: USER,
  kind,
  target,
  at,
});

describe('audit filter', () => {
  it('reads what a client sent: blanks dropped, dates parsed, a trailing slash on an entity ignored', () => {
    expect(
      parseAuditFilter({ actor: ' ', kind: '', entity: 'alert-source/', since: '2026-01-01T00:00:00Z' }),
    ).toEqual({
      entity: 'alert-source',
      since: new Date('2026-01-01T00:00:00Z'),
    });
    expect(parseAuditFilter({})).toEqual({});
  });

  it('refuses a malformed actor, date or range as BAD_USER_INPUT', () => {
    const code = (input: Parameters<typeof parseAuditFilter>[0]) => {
      try {
        parseAuditFilter(input);
        return null;
      } catch (error) {
        return (error as GraphQLError).extensions['code'];
      }
    };
    expect(code({ actor: 'bob' })).toBe('BAD_USER_INPUT');
    expect(code({ since: 'yesterday' })).toBe('BAD_USER_INPUT');
    expect(code({ since: '2026-01-02T00:00:00Z', until: '2026-01-02T00:00:00Z' })).toBe('BAD_USER_INPUT');
    expect(code({ kind: 'x'.repeat(201) })).toBe('BAD_USER_INPUT');
  });

  it('matches an entity and what is under it, not a name it merely prefixes', () => {
    const f = parseAuditFilter({ entity: 'queue:maintenance' });
    expect(matchesAuditFilter(f, entry('queue:maintenance'))).toBe(true);
    expect(matchesAuditFilter(f, entry('queue:maintenance/job:7'))).toBe(true);
    expect(matchesAuditFilter(f, entry('queue:maintenance-2'))).toBe(false);
    expect(matchesAuditFilter(f, entry(null))).toBe(false);
  });

  it('matches actor, kind prefix and a half-open time range', () => {
    const f = parseAuditFilter({
      actor: USER,
      kind: 'queue.',
      since: '2026-01-01T12:00:00Z',
      until: '2026-01-01T13:00:00Z',
    });
    expect(matchesAuditFilter(f, entry('x'))).toBe(true);
    expect(matchesAuditFilter(f, entry('x', 'user.create'))).toBe(false);
    expect(matchesAuditFilter(f, entry('x', 'queue.pause', new Date('2026-01-01T13:00:00Z')))).toBe(false);
    expect(matchesAuditFilter(f, { ...entry('x'), actorId: null })).toBe(false);
  });
});
