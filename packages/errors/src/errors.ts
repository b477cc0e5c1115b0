import { GraphQLError } from 'graphql';
import { ErrorCode } from './codes.js';

type Extensions = Record<string, unknown>;

abstract class CodedError extends GraphQLError {
  abstract readonly code: ErrorCode;
  protected constructor(message: string, code: ErrorCode, extensions: Extensions = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class UnauthenticatedError extends CodedError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = 'Authentication required') {
    super(message, ErrorCode.UNAUTHENTICATED);
  }
}

export class ForbiddenError extends CodedError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message = 'You do not have the role this needs', extensions?: Extensions) {
    super(message, ErrorCode.FORBIDDEN, extensions);
  }
}

export class BadUserInputError extends CodedError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(message: string, extensions?: Extensions) {
    super(message, ErrorCode.BAD_USER_INPUT, extensions);
  }
}

export class NotFoundError extends CodedError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`, ErrorCode.NOT_FOUND, { what, id });
  }
}

export class InvalidTransitionError extends CodedError {
  readonly code = ErrorCode.INVALID_TRANSITION;
  constructor(message: string, extensions?: Extensions) {
    super(message, ErrorCode.INVALID_TRANSITION, extensions);
  }
}

export class InterlockedError extends CodedError {
  readonly code = ErrorCode.INTERLOCKED;
  constructor(reason: string, extensions?: Extensions) {
    super(`Refused by interlock: ${reason}`, ErrorCode.INTERLOCKED, { ...extensions, reason });
  }
}

export class ConflictError extends CodedError {
  readonly code = ErrorCode.CONFLICT;
  constructor(message: string, extensions?: Extensions) {
    super(message, ErrorCode.CONFLICT, extensions);
  }
}

export class QueryTooComplexError extends CodedError {
  readonly code = ErrorCode.QUERY_TOO_COMPLEX;
  constructor(message: string) {
    super(message, ErrorCode.QUERY_TOO_COMPLEX);
  }
}

export class RateLimitedError extends CodedError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(message: string, retryAfterSeconds: number) {
    super(message, ErrorCode.RATE_LIMITED, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}

export class ServiceUnavailableError extends CodedError {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  constructor(service: string, message = `${service} is unavailable; try again shortly`) {
    super(message, ErrorCode.SERVICE_UNAVAILABLE, { service });
  }
}

export class UpstreamUnavailableError extends CodedError {
  readonly code = ErrorCode.UPSTREAM_UNAVAILABLE;
  constructor(message: string, extensions?: Extensions) {
    super(message, ErrorCode.UPSTREAM_UNAVAILABLE, extensions);
  }
}

export class CommandExpiredError extends CodedError {
  readonly code = ErrorCode.COMMAND_EXPIRED;
  constructor(message: string, extensions?: Extensions) {
    super(message, ErrorCode.COMMAND_EXPIRED, extensions);
  }
}

export class ResumeTooOldError extends CodedError {
  readonly code = ErrorCode.RESUME_TOO_OLD;
  constructor(message: string, extensions?: Extensions) {
    super(message, ErrorCode.RESUME_TOO_OLD, extensions);
  }
}

export class ReadOnlyReplicaError extends CodedError {
  readonly code = ErrorCode.READ_ONLY_REPLICA;
  constructor(message: string, extensions?: Extensions) {
    super(message, ErrorCode.READ_ONLY_REPLICA, extensions);
  }
}
