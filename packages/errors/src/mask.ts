import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, EXPECTED_CODES } from './codes.js';
import { ReadOnlyReplicaError, ServiceUnavailableError } from './errors.js';

/** True when the error carries one of the registry's expected codes. */
export function isExpected(error: { extensions?: Record<string, unknown> } | undefined): boolean {
  const code = error?.extensions?.['code'];
  return typeof code === 'string' && EXPECTED_CODES.has(code);
}

/**
 * What a client sees of an error: expected ones as they are; a failure of the database connection
 * (`original`, see `databaseUnavailable`) as a retryable SERVICE_UNAVAILABLE that names no driver
 * detail; everything else as INTERNAL_SERVER_ERROR. Both carry the request id, so an operator can find
 * the log line.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  requestId: string | undefined,
  original?: unknown,
): GraphQLFormattedError {
  if (isExpected(formatted)) return formatted;
  const where = {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  const rid = requestId ? { requestId } : {};
  if (original !== undefined && replicaRefusedWrite(original)) {
    const refused = new ReadOnlyReplicaError(
      'A statement that writes reached the read-only replica; nothing was written',
    );
    return { message: refused.message, ...where, extensions: { ...refused.extensions, ...rid } };
  }
  if (original !== undefined && databaseUnavailable(original)) {
    const unavailable = new ServiceUnavailableError(
      'postgres',
      'The database is unavailable; try again shortly',
    );
    return {
      message: unavailable.message,
      ...where,
      extensions: { ...unavailable.extensions, ...rid },
    };
  }
  return {
    message: `Unexpected error${requestId ? ` (request id ${requestId})` : ''}`,
    ...where,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...rid },
  };
}

// What a lost or unreachable Postgres connection looks like through Prisma (6.19, driver adapter),
// @prisma/adapter-pg and node-postgres. A statement that failed this way was not committed (Postgres
// rolls back a transaction whose connection ends), so the client may retry.
/** SQLSTATE class 08 (connection exception), 57P01-03 (server shutting down, crashed, starting). */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
/** Server unreachable, connection lost, socket timeout, pool timeout (P2024), too many connections. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
/** The pg adapter's error kinds for the same. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** node-postgres and pg-pool messages, thrown as plain Errors (the adapter passes them through). */
const PG_MESSAGES =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|terminating connection due to/i;
/** Marks an error as coming from Prisma, the adapter or node-postgres (a socket code alone could be Redis). */
const PG_ORIGIN = /^(PrismaClient\w*Error|DriverAdapterError|DatabaseError)$/;

/**
 * True when `error` (or what it wraps: GraphQL originalError, cause, Prisma's driverAdapterError) is a
 * Postgres connection failure rather than a fault of the statement: the server is unreachable or
 * restarting, the connection was terminated or reset, or no pooled connection was free in time.
 */
export function databaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const chain: unknown[] = [error];
  let fromPostgres = false;
  let connectionFailure = false;
  let socketFailure = false;
  while (chain.length > 0 && seen.size < 16) {
    const e = chain.shift();
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    const o = e as Record<string, unknown>;
    const name = typeof o['name'] === 'string' ? o['name'] : e.constructor?.name;
    const code = typeof o['code'] === 'string' ? o['code'] : undefined;
    const message = typeof o['message'] === 'string' ? o['message'] : '';
    if (name && PG_ORIGIN.test(name)) fromPostgres = true;
    if (typeof o['severity'] === 'string' || typeof o['kind'] === 'string') fromPostgres = true;
    for (const c of [code, o['originalCode'], o['errorCode']]) {
      if (typeof c !== 'string') continue;
      if (SQLSTATE.test(c) || PRISMA_CODES.has(c)) connectionFailure = true;
      if (SOCKET_CODES.has(c)) socketFailure = true;
    }
    if (typeof o['kind'] === 'string' && ADAPTER_KINDS.has(o['kind'])) connectionFailure = true;
    if (PG_MESSAGES.test(message)) connectionFailure = fromPostgres = true;
    const meta = o['meta'] as Record<string, unknown> | undefined;
    chain.push(o['originalError'], o['cause'], meta?.['driverAdapterError']);
    if (Array.isArray(o['errors'])) chain.push(...(o['errors'] as unknown[]));
  }
  return connectionFailure || (socketFailure && fromPostgres);
}

/**
 * True when `error` (or what it wraps) is @opshub/db's refusal of a write that reached the read replica:
 * through Prisma it arrives as a PrismaClientKnownRequestError that keeps the code READ_ONLY_REPLICA.
 */
export function replicaRefusedWrite(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (typeof e === 'object' && e !== null && !seen.has(e)) {
    seen.add(e);
    const o = e as Record<string, unknown>;
    if (o['code'] === ErrorCode.READ_ONLY_REPLICA) return true;
    e = o['originalError'] ?? o['cause'];
  }
  return false;
}

/** The original error behind a GraphQLError, for logging. */
export function originalError(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  return e;
}
