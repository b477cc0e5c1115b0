export { ErrorCode, EXPECTED_CODES } from './codes.js';
export {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  InterlockedError,
  InvalidTransitionError,
  NotFoundError,
  QueryTooComplexError,
  UnauthenticatedError,
} from './errors.js';
export { isExpected, maskError, originalError } from './mask.js';
