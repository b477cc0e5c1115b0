/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        username\n        roles\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout($token: String!) {\n    logout(token: $token)\n  }\n": typeof types.LogoutDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      roles\n    }\n  }\n": typeof types.MeDocument,
    "\n  query ObsUnitSets($first: Int, $after: String, $state: OusState, $programId: String) {\n    obsUnitSets(first: $first, after: $after, state: $state, programId: $programId) {\n      edges {\n        cursor\n        node {\n          id\n          programId\n          state\n          substate\n          executive\n          updatedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.ObsUnitSetsDocument,
    "\n  mutation CreateObsUnitSet($programId: String!, $id: ID!) {\n    createObsUnitSet(programId: $programId, id: $id) {\n      id\n      programId\n      state\n      substate\n      updatedAt\n    }\n  }\n": typeof types.CreateObsUnitSetDocument,
    "\n  subscription OusStateChanged($programId: String, $state: OusState, $after: String) {\n    ousStateChanged(programId: $programId, state: $state, after: $after) {\n      eventId\n      ous {\n        id\n        programId\n        state\n        substate\n        executive\n      }\n      transition {\n        from\n        to\n        substate\n        at\n        reason\n        systemActor\n        actor {\n          username\n        }\n      }\n    }\n  }\n": typeof types.OusStateChangedDocument,
};
const documents: Documents = {
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        username\n        roles\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout($token: String!) {\n    logout(token: $token)\n  }\n": types.LogoutDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      roles\n    }\n  }\n": types.MeDocument,
    "\n  query ObsUnitSets($first: Int, $after: String, $state: OusState, $programId: String) {\n    obsUnitSets(first: $first, after: $after, state: $state, programId: $programId) {\n      edges {\n        cursor\n        node {\n          id\n          programId\n          state\n          substate\n          executive\n          updatedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.ObsUnitSetsDocument,
    "\n  mutation CreateObsUnitSet($programId: String!, $id: ID!) {\n    createObsUnitSet(programId: $programId, id: $id) {\n      id\n      programId\n      state\n      substate\n      updatedAt\n    }\n  }\n": types.CreateObsUnitSetDocument,
    "\n  subscription OusStateChanged($programId: String, $state: OusState, $after: String) {\n    ousStateChanged(programId: $programId, state: $state, after: $after) {\n      eventId\n      ous {\n        id\n        programId\n        state\n        substate\n        executive\n      }\n      transition {\n        from\n        to\n        substate\n        at\n        reason\n        systemActor\n        actor {\n          username\n        }\n      }\n    }\n  }\n": types.OusStateChangedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        username\n        roles\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        username\n        roles\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($token: String!) {\n    logout(token: $token)\n  }\n"): (typeof documents)["\n  mutation Logout($token: String!) {\n    logout(token: $token)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n      roles\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n      roles\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ObsUnitSets($first: Int, $after: String, $state: OusState, $programId: String) {\n    obsUnitSets(first: $first, after: $after, state: $state, programId: $programId) {\n      edges {\n        cursor\n        node {\n          id\n          programId\n          state\n          substate\n          executive\n          updatedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query ObsUnitSets($first: Int, $after: String, $state: OusState, $programId: String) {\n    obsUnitSets(first: $first, after: $after, state: $state, programId: $programId) {\n      edges {\n        cursor\n        node {\n          id\n          programId\n          state\n          substate\n          executive\n          updatedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateObsUnitSet($programId: String!, $id: ID!) {\n    createObsUnitSet(programId: $programId, id: $id) {\n      id\n      programId\n      state\n      substate\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateObsUnitSet($programId: String!, $id: ID!) {\n    createObsUnitSet(programId: $programId, id: $id) {\n      id\n      programId\n      state\n      substate\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OusStateChanged($programId: String, $state: OusState, $after: String) {\n    ousStateChanged(programId: $programId, state: $state, after: $after) {\n      eventId\n      ous {\n        id\n        programId\n        state\n        substate\n        executive\n      }\n      transition {\n        from\n        to\n        substate\n        at\n        reason\n        systemActor\n        actor {\n          username\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription OusStateChanged($programId: String, $state: OusState, $after: String) {\n    ousStateChanged(programId: $programId, state: $state, after: $after) {\n      eventId\n      ous {\n        id\n        programId\n        state\n        substate\n        executive\n      }\n      transition {\n        from\n        to\n        substate\n        at\n        reason\n        systemActor\n        actor {\n          username\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;