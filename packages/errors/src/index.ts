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
  ReadOnlyReplicaError,
  ResumeTooOldError,
  ServiceUnavailableError,
  UnauthenticatedError,
  UpstreamUnavailableError,
} from './errors.js';
export { databaseUnavailable, isExpected, maskError, originalError, replicaRefusedWrite } from './mask.js';
