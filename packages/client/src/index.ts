export {
  CreateObsUnitSetDocument,
  LoginDocument,
  LogoutDocument,
  MeDocument,
  ObsUnitSetsDocument,
  OusStateChangedDocument,
} from './documents.js';
export type {
  CreateObsUnitSetMutation,
  Executive,
  LoginMutation,
  MeQuery,
  ObsUnitSetsQuery,
  ObsUnitSetsQueryVariables,
  OusState,
  OusStateChangedSubscription,
  OusStateChangedSubscriptionVariables,
  Role,
} from './gql/graphql.js';
export { graphql } from './gql/index.js';
export {
  backoffMs,
  createHubClient,
  graphqlEndpoint,
  type ConnectionEvent,
  type HubClient,
  type HubClientOptions,
} from './hub-client.js';
export { ClientErrorCode, HubError, RETRYABLE_SUBSCRIPTION_CODES, type HubErrorEntry } from './hub-error.js';
export { login, type Session } from './login.js';
