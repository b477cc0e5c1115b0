import { graphql } from './gql/index.js';

/** Signs in with a password; the token goes in `Authorization: Bearer <token>`. */
export const LoginDocument = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      expiresAt
      user {
        id
        username
        roles
      }
    }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout($token: String!) {
    logout(token: $token)
  }
`);

export const MeDocument = graphql(`
  query Me {
    me {
      id
      username
      roles
    }
  }
`);

export const ObsUnitSetsDocument = graphql(`
  query ObsUnitSets($first: Int, $after: String, $state: OusState, $programId: String) {
    obsUnitSets(first: $first, after: $after, state: $state, programId: $programId) {
      edges {
        cursor
        node {
          id
          programId
          state
          substate
          executive
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const CreateObsUnitSetDocument = graphql(`
  mutation CreateObsUnitSet($programId: String!, $id: ID!) {
    createObsUnitSet(programId: $programId, id: $id) {
      id
      programId
      state
      substate
      updatedAt
    }
  }
`);

/** Every OUS transition; pass a previous `eventId` as `after` to replay what was missed. */
export const OusStateChangedDocument = graphql(`
  subscription OusStateChanged($programId: String, $state: OusState, $after: String) {
    ousStateChanged(programId: $programId, state: $state, after: $after) {
      eventId
      ous {
        id
        programId
        state
        substate
        executive
      }
      transition {
        from
        to
        substate
        at
        reason
        systemActor
        actor {
          username
        }
      }
    }
  }
`);
