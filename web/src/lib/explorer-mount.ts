// GraphiQL (React) inside the Svelte app, loaded only when the explorer opens (Explorer.svelte imports
// this module dynamically), so the main bundle carries neither React nor Monaco. Everything it needs —
// the editor, its workers, its fonts and styles — is bundled by Vite: nothing is fetched from a CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher, createLocalStorage } from '@graphiql/toolkit';
import { GraphiQL, HISTORY_PLUGIN, type GraphiQLProps } from 'graphiql';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { createClient } from 'graphql-ws';
import { createElement, type FC } from 'react';
import { createRoot } from 'react-dom/client';
import { explorerTabs, firstOfEachDomain, type ExplorerExample } from './explorer-examples';
import { explorerNamespace } from './explorer-storage';

export interface ExplorerOptions {
  /** The signed-in user's id: their tabs, history and variables are stored under it, apart from others'. */
  userId: string;
  /** The session's token, read on every request and every (re)connect. */
  getToken: () => string | null;
  /** The hub said the token is no longer valid (HTTP 401, or the socket closed for it). */
  onUnauthenticated: () => void;
  /** The examples the user may run; the first of each domain are the tabs of a first visit. */
  examples: readonly ExplorerExample[];
  /** An example to open in a tab of its own (a new tab, or the one already holding it). */
  open?: ExplorerExample;
  /** The API schema (`loadApiSchema`); without it GraphiQL asks by introspection. */
  schema?: GraphQLSchema;
}

// GraphiQL's editor props derive from React's ComponentProps, which the few React types declared here
// (explorer-react.d.ts) cannot express, so they read as required: every one is optional in GraphiQL.
const GraphiQLComponent = GraphiQL as unknown as FC<Partial<GraphiQLProps> & Pick<GraphiQLProps, 'fetcher'>>;

function graphqlUrl(protocol: 'http' | 'ws'): string {
  const { location } = window;
  const scheme = protocol === 'ws' ? (location.protocol === 'https:' ? 'wss:' : 'ws:') : location.protocol;
  return `${scheme}//${location.host}/graphql`;
}

/** graphql-ws close codes meaning the credential was refused (the gateway's, as hub.svelte.ts reads them). */
const AUTH_CLOSE_CODES = new Set([4401, 4403]);

/** The gateway's `GET /api/schema.graphql` (signed-in users), so docs work where introspection is off. */
const API_SCHEMA_PATH = '/api/schema.graphql';

/**
 * The API schema for the docs and completion, read with the session's token. Undefined when the hub
 * does not serve it (GraphiQL then introspects, and says so itself if that is refused too).
 */
export async function loadApiSchema(getToken: () => string | null): Promise<GraphQLSchema | undefined> {
  const token = getToken();
  try {
    const reply = await fetch(API_SCHEMA_PATH, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return reply.ok ? buildSchema(await reply.text()) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Renders GraphiQL into `element` with the signed-in user's token on every request and on the
 * graphql-ws socket (subscriptions), the schema's documentation (GraphiQL's doc explorer), the
 * history, and the example operations as tabs. Returns the function that unmounts it and closes its socket.
 */
export function mountExplorer(element: HTMLElement, options: ExplorerOptions): () => void {
  const authorization = (): Record<string, string> => {
    const token = options.getToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  const wsClient = createClient({
    url: graphqlUrl('ws'),
    lazy: true,
    connectionParams: authorization,
    retryAttempts: 5,
    on: {
      closed: (event) => {
        const code = (event as { code?: number } | undefined)?.code;
        if (code !== undefined && AUTH_CLOSE_CODES.has(code)) options.onUnauthenticated();
      },
    },
  });
  const fetcher = createGraphiQLFetcher({
    url: graphqlUrl('http'),
    wsClient,
    // The gateway answers JSON; no multipart (incremental delivery) parser needed.
    enableIncrementalDelivery: false,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const reply = await fetch(input, {
        ...init,
        headers: { ...(init?.headers as Record<string, string> | undefined), ...authorization() },
      });
      if (reply.status === 401) options.onUnauthenticated();
      return reply;
    },
  });
  const first = firstOfEachDomain(options.examples);
  const open = options.open;
  const root = createRoot(element);
  root.render(
    createElement(GraphiQLComponent, {
      fetcher,
      ...(options.schema ? { schema: options.schema } : {}),
      // A first visit: these tabs. Later visits: the tabs the user left, as GraphiQL stored them.
      defaultTabs: explorerTabs(open ? [open, ...first.filter((e) => e !== open)] : first),
      ...(open
        ? {
            initialQuery: open.query,
            ...(open.variables ? { initialVariables: JSON.stringify(open.variables, null, 2) } : {}),
          }
        : {}),
      // The token is applied by the fetcher: it never sits in the headers editor or in storage.
      shouldPersistHeaders: false,
      // Per user, and cleared at sign-out (session.svelte.ts): a shared browser shows no one else's queries.
      storage: createLocalStorage({ namespace: explorerNamespace(options.userId) }),
      plugins: [HISTORY_PLUGIN],
      defaultEditorToolsVisibility: true,
    }),
  );
  return () => {
    root.unmount();
    void wsClient.dispose();
  };
}
