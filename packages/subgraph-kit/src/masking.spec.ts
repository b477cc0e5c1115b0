import { createLogger } from '@opshub/config';
import { ForbiddenError } from '@opshub/errors';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { errorMasking } from './masking.js';

const formatted = (error: GraphQLError) => error.toJSON();

describe('errorMasking', () => {
  const masking = errorMasking({ alsoPass: ['BAD_REQUEST'] });

  it('passes expected codes and the extra codes as they are', () => {
    const forbidden = formatted(new ForbiddenError('This needs the ADMIN role'));
    expect(masking.mask(forbidden, 'r-1')).toEqual(forbidden);
    const bad = formatted(new GraphQLError('no body', { extensions: { code: 'BAD_REQUEST' } }));
    expect(masking.mask(bad, 'r-1')).toEqual(bad);
    expect(errorMasking().mask(bad, 'r-1').extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
  });

  it('masks anything else with the request id, keeping where it happened', () => {
    const raw = formatted(new GraphQLError('relation "dcs.reading" does not exist', { path: ['devices'] }));
    expect(masking.mask(raw, 'r-2')).toEqual({
      message: 'Unexpected error (request id r-2)',
      path: ['devices'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-2' },
    });
  });

  it('turns a lost database connection into a retryable SERVICE_UNAVAILABLE without driver detail', () => {
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { name: 'DatabaseError' });
    const masked = masking.mask(formatted(new GraphQLError(lost.message)), 'r-3', lost);
    expect(masked.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: 'r-3' });
    expect(masked.message).not.toContain('terminated');
  });

  it('drops "Did you mean" hints from validation errors', () => {
    const hint = formatted(
      new GraphQLError('Cannot query field "devics" on type "Query". Did you mean "devices"?', {
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    );
    expect(masking.mask(hint, 'r-4').message).toBe('Cannot query field "devics" on type "Query".');
  });

  it('logs the original of each masked error only, a lost database at warn', () => {
    const lines: string[] = [];
    const log = createLogger('spec', 'info', { write: (line: string) => void lines.push(line) });
    const lost = Object.assign(new Error('Connection terminated'), { name: 'DatabaseError' });
    masking.logUnexpected(log, [
      new ForbiddenError('no'),
      new GraphQLError('wrapped', { originalError: new Error('boom') }),
      new GraphQLError('wrapped', { originalError: lost }),
    ]);
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(logged.map((l) => [l.level, l.msg])).toEqual([
      [50, 'unexpected error'],
      [40, 'database unavailable'],
    ]);
  });
});
