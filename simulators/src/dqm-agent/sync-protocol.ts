import type { AgentStore } from './agent-store.js';

/** At most this many headers per `update_headers` message (fff_web.py `sendHeaders`). */
export const HEADERS_PER_MESSAGE = 1000;

/**
 * One `POST /sync_proxy` exchange, as fff_web.py's `SyncSocket.proxy_mode`: each input is a JSON
 * string (`sync_request` or `request_documents`), each output a JSON string. `sync_request{known_rev: N}`
 * answers the headers with `rev ≥ N` (so a mirror in sync always gets one header back), in messages of at
 * most 1000 headers; `request_documents{ids}` answers one `update_documents`.
 */
export function answerSyncMessages(store: AgentStore, messages: string[]): string[] {
  const out: string[] = [];
  for (const message of messages) {
    const msg = JSON.parse(message) as { event?: unknown; known_rev?: unknown; ids?: unknown };
    if (msg.event === 'sync_request') {
      const known = msg.known_rev === undefined || msg.known_rev === null ? undefined : Number(msg.known_rev);
      if (known !== undefined && !Number.isInteger(known))
        throw new SyncProtocolError('known_rev is not an integer');
      out.push(...headerMessages(store, known === undefined ? undefined : known - 1));
    } else if (msg.event === 'request_documents') {
      if (!Array.isArray(msg.ids)) throw new SyncProtocolError('ids is not a list');
      out.push(
        JSON.stringify({ event: 'update_documents', documents: store.documents(msg.ids.map(String)) }),
      );
    }
  }
  return out;
}

function headerMessages(store: AgentStore, fromRev: number | undefined): string[] {
  const headers = store.headersAfter(fromRev);
  if (headers.length === 0) return [];
  const syncToRev = headers[headers.length - 1]!._rev;
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += HEADERS_PER_MESSAGE) {
    const chunk = headers.slice(i, i + HEADERS_PER_MESSAGE);
    out.push(
      JSON.stringify({
        event: 'update_headers',
        rev: [chunk[0]!._rev, chunk[chunk.length - 1]!._rev],
        sync_to_rev: syncToRev,
        headers: chunk,
        total_sent: i + chunk.length,
        total_avail: headers.length,
      }),
    );
  }
  return out;
}

/** A request the agent cannot parse: HTTP 500 there (an uncaught exception in bottle), 400 here. */
export class SyncProtocolError extends Error {}
