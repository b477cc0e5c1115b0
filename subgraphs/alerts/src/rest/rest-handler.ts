import type { Principal } from '@opshub/auth';

/**
 * One request to the TOM-compatible REST surface, as the alerts subgraph's router hands it to a
 * handler: the gateway has authenticated the caller (bearer token or the TOM session cookie) and
 * signed it; the handler checks the role it needs itself.
 */
export interface RestRequest {
  /** The parsed JSON body (or form fields), as sent: handlers validate it. */
  body: unknown;
  /** The query string, one value a key. */
  query: Record<string, string>;
  /** The path's parameters (`/elasticc/diaobject/<id>/` → `{ id }`), when the route has any. */
  params?: Record<string, string>;
  user?: Principal;
  requestId: string;
  /** The hub's public base URL as the client used it (for `Location` and `next` links), no trailing slash. */
  baseUrl: string;
}

/**
 * A handler's answer. `body` may hold `bigint`s: the router writes them as exact JSON numbers (64-bit
 * ids survive, as the TOM's Python clients read them). Errors are answers too: JSON with a `code`.
 */
export interface RestReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type RestHandler = (request: RestRequest) => Promise<RestReply>;
