import { BadUserInputError, ForbiddenError } from '@opshub/errors';
import type { GraphQLError } from 'graphql';

interface PgError {
  code: string;
  message: string;
  position?: string;
}

function isPgError(error: unknown): error is PgError {
  return (
    error instanceof Error &&
    typeof (error as unknown as Partial<PgError>).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as unknown as PgError).code)
  );
}

/**
 * The database's refusal of a reader's query as a coded error saying why; undefined for failures
 * that are not the query's (a lost connection…), which stay internal errors.
 */
export function sqlRefusal(error: unknown, timeoutMs: number): GraphQLError | undefined {
  if (!isPgError(error)) return undefined;
  const { code, message } = error;
  const at = error.position ? { position: Number(error.position) } : {};
  const pg = { sqlState: code, ...at };
  if (code === '42501')
    return new ForbiddenError(`Read-only SQL reads the alerts schema only: ${message}`, pg);
  if (code === '25006') return new ForbiddenError(`Read-only SQL cannot write: ${message}`, pg);
  if (code === '0A000' && /data-modifying/.test(message))
    return new ForbiddenError(`Read-only SQL cannot write: ${message}`, pg);
  if (code === '57014')
    return new BadUserInputError(
      `The query ran longer than its ${timeoutMs} ms timeout and was cancelled; narrow it, or submit it as a run (submitSqlQuery)`,
      { ...pg, timeoutMs },
    );
  if (code === '42601' && /multiple commands/.test(message))
    return new BadUserInputError('One statement per query: a second statement (after ";") is refused', pg);
  // Syntax errors, unknown tables and columns, bad casts and values, division by zero…
  if (/^(42|22|2F|0A|21|23|3F|44)/.test(code)) return new BadUserInputError(message, pg);
  return undefined;
}
