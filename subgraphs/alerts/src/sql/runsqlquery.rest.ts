import { hasRole } from '@opshub/auth';
import { Role } from '@opshub/db/enums';
import { ErrorCode, isExpected } from '@opshub/errors';
import { GraphQLError } from 'graphql';
import type { RestHandler } from '../rest/rest-handler.js';
import { restError } from '../rest/rest-reply.js';
import { psycopgStatement } from './sql-params.js';
import type { SqlStatement } from './sql-reader.repository.js';
import type { SqlService } from './sql.service.js';

class BodyError extends Error {}

const isDict = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{query: str | [str], subdict?: {} | [{}], format?: 0 | 1}` as the TOM reads it. */
function statementsOf(body: unknown): { statements: SqlStatement[]; format: number } {
  if (!isDict(body) || !('query' in body)) throw new BodyError("POST data must include 'query'");
  const queries = Array.isArray(body['query']) ? (body['query'] as unknown[]) : [body['query']];
  if (queries.length === 0 || !queries.every((q): q is string => typeof q === 'string'))
    throw new BodyError('query must be either a list of strings or a string');
  const raw = body['subdict'];
  const subdicts = raw === undefined ? [] : Array.isArray(raw) ? (raw as unknown[]) : [raw];
  if (!subdicts.every(isDict)) throw new BodyError('subdict must be either a list of dicts or a dict');
  if (subdicts.length > queries.length)
    throw new BodyError(`${subdicts.length} subdicts for ${queries.length} queries: one per query at most`);
  const format = body['format'] ?? 0;
  if (format !== 0 && format !== 1) throw new BodyError(`Unknown return format ${JSON.stringify(format)}`);
  // The TOM zips queries with subdicts and silently drops queries without one; here they run with none.
  const statements = queries.map((q, i) =>
    psycopgStatement(q, (subdicts[i] as Record<string, unknown>) ?? {}),
  );
  return { statements, format };
}

/**
 * `POST /db/runsqlquery/` as the DESC TOM answers it: the statements run in one read-only
 * transaction as the reader role and are rolled back; `{status: 'ok', rows: [{column: value}]}` for
 * the last one (`format: 1`: `{status: 'ok', data: {column: [values]}}`), bigints exact. Needs the SQL
 * role (or ADMIN). Errors: `{status: 'error', code, error}` with 400/401/403.
 */
export function runSqlQueryHandler(sql: SqlService): RestHandler {
  return async (request) => {
    if (!request.user) return restError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
    if (!hasRole(request.user, Role.SQL))
      return restError(ErrorCode.FORBIDDEN, 'Read-only SQL needs the SQL role (or ADMIN)');
    try {
      const { statements, format } = statementsOf(request.body);
      const { columns, rows } = await sql.queryAll(statements);
      const names = columns.map((c) => c.name);
      if (format === 1)
        return {
          status: 200,
          body: { status: 'ok', data: Object.fromEntries(names.map((n, i) => [n, rows.map((r) => r[i])])) },
        };
      return {
        status: 200,
        body: { status: 'ok', rows: rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]]))) },
      };
    } catch (error) {
      if (error instanceof BodyError) return restError(ErrorCode.BAD_USER_INPUT, error.message);
      if (error instanceof GraphQLError && isExpected(error))
        return restError(String(error.extensions['code']), error.message);
      throw error;
    }
  };
}
