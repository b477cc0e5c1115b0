import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from './codes.js';
import { NotFoundError } from './errors.js';
import { databaseUnavailable, maskError, replicaRefusedWrite } from './mask.js';

// The shapes below are what Prisma 6.19 (driver adapter), @prisma/adapter-pg and node-postgres throw,
// as printed from real kills (packages/db/test/pool.test.ts checks the real ones).
class PrismaClientKnownRequestError extends Error {
  override name = 'PrismaClientKnownRequestError';
  constructor(
    message: string,
    readonly code: string,
    readonly meta: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
class PrismaClientInitializationError extends Error {
  override name = 'PrismaClientInitializationError';
  constructor(
    message: string,
    readonly errorCode: string,
  ) {
    super(message);
  }
}
class DriverAdapterError extends Error {
  override name = 'DriverAdapterError';
  constructor(override readonly cause: Record<string, unknown>) {
    super(String(cause['message'] ?? cause['kind']));
  }
}
const pgFatal = (code: string, message: string) =>
  Object.assign(new Error(message), { name: 'error', code, severity: 'FATAL' });
const socket = (code: string) =>
  Object.assign(new Error(`connect ${code}`), { code, syscall: 'connect', errno: -1 });
const rawQueryFailed = (code: string, message: string) =>
  new PrismaClientKnownRequestError(`Raw query failed. Code: \`${code}\`. Message: \`${message}\``, 'P2010', {
    driverAdapterError: new DriverAdapterError({
      kind: 'postgres',
      code,
      originalCode: code,
      message,
      severity: 'FATAL',
    }),
  });
const inResolver = (e: unknown) => new GraphQLError('wrapped', { originalError: e as Error });

describe('databaseUnavailable', () => {
  it.each([
    [
      'a statement whose connection was terminated (57P01, via P2010)',
      rawQueryFailed('57P01', 'terminating connection due to administrator command'),
    ],
    [
      'the server crashed (57P02)',
      rawQueryFailed('57P02', 'terminating connection because of crash of another server process'),
    ],
    ['the server is starting up (57P03)', pgFatal('57P03', 'the database system is starting up')],
    ['a connection exception (SQLSTATE class 08)', pgFatal('08006', 'connection failure')],
    [
      'the adapter could not reach the server (P1001)',
      new PrismaClientKnownRequestError("Can't reach database server at 127.0.0.1:1", 'P1001', {
        driverAdapterError: new DriverAdapterError({ kind: 'DatabaseNotReachable' }),
      }),
    ],
    [
      'the server closed the connection (P1017)',
      new PrismaClientKnownRequestError('Server has closed the connection.', 'P1017'),
    ],
    ['a socket timeout (P1008)', new PrismaClientKnownRequestError('Operation has timed out', 'P1008')],
    [
      'no pooled connection in time (P2024)',
      new PrismaClientKnownRequestError(
        'Timed out fetching a new connection from the connection pool',
        'P2024',
      ),
    ],
    [
      'Prisma could not connect at start (P1001 errorCode)',
      new PrismaClientInitializationError("Can't reach database server", 'P1001'),
    ],
    ['the adapter kind ConnectionClosed', new DriverAdapterError({ kind: 'ConnectionClosed' })],
    [
      'a killed connection used between statements',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['node-postgres: Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['pg-pool: no free connection in time', new Error('timeout exceeded when trying to connect')],
    [
      'a reset socket inside a Prisma error',
      new PrismaClientKnownRequestError('x', 'P2010', {
        driverAdapterError: Object.assign(new DriverAdapterError({ kind: 'postgres' }), {
          cause: socket('ECONNRESET'),
        }),
      }),
    ],
    [
      'the same wrapped in a GraphQLError and a cause',
      inResolver(new Error('create failed', { cause: rawQueryFailed('57P01', 'terminating') })),
    ],
  ])('%s', (_what, error) => {
    expect(databaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (P2002)', new PrismaClientKnownRequestError('Unique constraint failed', 'P2002')],
    ['a syntax error (42601)', rawQueryFailed('42601', 'syntax error at or near "x"')],
    ['a serialization failure (40001)', rawQueryFailed('40001', 'could not serialize access')],
    ['a bare refused socket (could be Redis)', socket('ECONNREFUSED')],
    ['a plain error', new Error('boom')],
    ['a coded GraphQL error', new NotFoundError('OUS', 'x')],
    ['not an error', 'Connection terminated'],
  ])('not %s', (_what, error) => {
    expect(databaseUnavailable(error)).toBe(false);
  });
});

describe('maskError', () => {
  const formatted = {
    message: 'terminating connection due to administrator command',
    path: ['createObsUnitSet'],
  };

  it('gives a database outage as a retryable SERVICE_UNAVAILABLE without the driver message', () => {
    const masked = maskError(
      formatted,
      'rid-1',
      rawQueryFailed('57P01', 'terminating connection due to administrator command'),
    );
    expect(masked).toEqual({
      message: 'The database is unavailable; try again shortly',
      path: ['createObsUnitSet'],
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service: 'postgres', requestId: 'rid-1' },
    });
  });

  it('masks any other error as INTERNAL_SERVER_ERROR with the request id', () => {
    expect(maskError(formatted, 'rid-2', new Error('boom'))).toEqual({
      message: 'Unexpected error (request id rid-2)',
      path: ['createObsUnitSet'],
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: 'rid-2' },
    });
    expect(maskError(formatted, undefined).extensions).toEqual({ code: ErrorCode.INTERNAL_SERVER_ERROR });
  });

  it('passes expected codes as they are', () => {
    const coded = { message: 'OUS x not found', extensions: { code: ErrorCode.NOT_FOUND } };
    expect(maskError(coded, 'rid-3', rawQueryFailed('57P01', 'x'))).toBe(coded);
  });
});

describe('a write refused by the read replica', () => {
  it('reaches the client as READ_ONLY_REPLICA, with no driver detail, also when Prisma wrapped it', () => {
    const prisma = new PrismaClientKnownRequestError(
      'Invalid `prisma.$queryRaw()` invocation: A statement that writes reached the read-only replica (cannot execute INSERT in a read-only transaction)',
      ErrorCode.READ_ONLY_REPLICA,
    );
    const masked = maskError({ message: 'wrapped' }, 'r-1', inResolver(prisma).originalError);
    expect(masked).toEqual({
      message: 'A statement that writes reached the read-only replica; nothing was written',
      extensions: { code: ErrorCode.READ_ONLY_REPLICA, requestId: 'r-1' },
    });
    expect(replicaRefusedWrite(inResolver(prisma))).toBe(true);
    expect(replicaRefusedWrite(rawQueryFailed('25006', 'cannot execute INSERT'))).toBe(false);
  });
});
