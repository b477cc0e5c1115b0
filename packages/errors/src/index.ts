export { ErrorCode, EXPECTED_CODES } from './codes.js';
export {
  BadUserInputError,
  CommandExpiredError,
  ConflictError,
  ForbiddenError,
  InterlockedError,
  InvalidTransitionError,
  NotFoundError,
  QueryTooComplexError,
  RateLimitedError,
  ResumeTooOldError,
  ServiceUnavailableError,
  UnauthenticatedError,
  UpstreamUnavailableError,
} from './errors.js';
export { databaseUnavailable, isExpected, maskError, originalError } from './mask.js';
