import { ErrorCode } from '@opshub/errors';
import { GraphQLError } from 'graphql';
import type { RestReply } from './rest-handler.js';

/** The HTTP status of each coded error a handler may throw; anything else is a 500. */
const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.READ_ONLY_REPLICA]: 409,
};

/** The TOM-compatible error answer: `{status: 'error', code, error}`. */
export function errorReply(status: number, code: string, error: string): RestReply {
  return { status, body: { status: 'error', code, error } };
}

/** The TOM's error shape for a coded error, its status from the code (500 for a code without one). */
export function restError(code: string, error: string): RestReply {
  return errorReply(STATUS[code] ?? 500, code, error);
}

/** A coded error thrown by a handler as its answer; undefined for anything unexpected. */
export function replyForError(error: unknown): RestReply | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const code = error.extensions['code'];
  const status = typeof code === 'string' ? STATUS[code] : undefined;
  return status === undefined || typeof code !== 'string'
    ? undefined
    : errorReply(status, code, error.message);
}
