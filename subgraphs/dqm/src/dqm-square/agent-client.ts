/** The cookie the agent's `/cr/exe` checks (fff_dqmtools `web.secret_name`). */
export const AGENT_SECRET_COOKIE = 'selenium-secret-secret';

/** A header of `update_headers` (fff_web.py `make_header`). */
export interface AgentHeader {
  _id: string;
  _rev: number;
  timestamp: number | null;
  hostname: string | null;
  type: string | null;
  tag: string | null;
  run: number | null;
}

/** A document of `update_documents`: the header fields and the rest of the body. */
export interface AgentDocument extends Record<string, unknown> {
  _id: string;
  _rev: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function headerOf(v: unknown): AgentHeader | null {
  if (!isObject(v) || typeof v._id !== 'string' || !Number.isSafeInteger(v._rev)) return null;
  return {
    _id: v._id,
    _rev: v._rev as number,
    timestamp: num(v.timestamp),
    hostname: str(v.hostname),
    type: str(v.type),
    tag: str(v.tag),
    run: Number.isSafeInteger(v.run) ? (v.run as number) : null,
  };
}

/** A document of `update_documents` that is not one: what is known of it, and why it is refused. */
export interface RefusedDocument {
  /** Its `_id` when it has a string one (raw: it may name a machine). */
  id: string | null;
  /** Its `hostname` when it has a string one (raw). */
  hostname: string | null;
  reason: string;
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

function documentOf(v: unknown): { document: AgentDocument } | { refused: RefusedDocument } {
  if (!isObject(v))
    return { refused: { id: null, hostname: null, reason: `the document is ${kindOf(v)}, not an object` } };
  const id = typeof v._id === 'string' && v._id !== '' ? v._id : null;
  const hostname = str(v.hostname);
  if (id === null) return { refused: { id, hostname, reason: 'the document has no _id' } };
  if (!Number.isSafeInteger(v._rev))
    return { refused: { id, hostname, reason: 'the document has no integer _rev' } };
  return { document: v as AgentDocument };
}

/** An agent that did not answer, or answered what the protocol does not allow. */
export class AgentError extends Error {
  override name = 'AgentError';
}

/**
 * The mirror's side of the agent's sync protocol over `POST <url>/sync_proxy`, each call with a
 * deadline. Replies are validated: an agent answering garbage fails the sync, it is never half-read.
 */
export class AgentClient {
  /** Requests sent (the bench and tests count them). */
  requests = 0;

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  /** `sync_request{known_rev}` → every `update_headers` chunk's headers, in rev order. */
  async headersFrom(knownRev: number): Promise<{ headers: AgentHeader[]; syncToRev: number | null }> {
    const messages = await this.exchange([{ event: 'sync_request', known_rev: knownRev }]);
    const headers: AgentHeader[] = [];
    let syncToRev: number | null = null;
    for (const m of messages) {
      const chunk = isObject(m) && m.event === 'update_headers' && Array.isArray(m.headers) ? m : null;
      const parsed = chunk ? (chunk.headers as unknown[]).map(headerOf) : [null];
      const toRev = chunk ? num(chunk.sync_to_rev) : null;
      if (toRev === null || parsed.some((h) => h === null)) {
        throw new AgentError('the agent answered sync_request with something else than update_headers');
      }
      headers.push(...(parsed as AgentHeader[]));
      syncToRev = Math.max(syncToRev ?? 0, toRev);
    }
    headers.sort((a, b) => a._rev - b._rev);
    return { headers, syncToRev };
  }

  /**
   * `request_documents{ids}` → `update_documents` (one request for the whole batch). A reply that is
   * not `update_documents` fails the sync; a document in it that is not one (not an object, no `_id`
   * or `_rev`) is handed back in `refused`, for the quarantine, and the others are kept.
   */
  async documents(ids: string[]): Promise<{ documents: AgentDocument[]; refused: RefusedDocument[] }> {
    const messages = await this.exchange([{ event: 'request_documents', ids }]);
    const documents: AgentDocument[] = [];
    const refused: RefusedDocument[] = [];
    for (const m of messages) {
      if (!(isObject(m) && m.event === 'update_documents' && Array.isArray(m.documents))) {
        throw new AgentError(
          'the agent answered request_documents with something else than update_documents',
        );
      }
      for (const d of (m.documents as unknown[]).map(documentOf)) {
        if ('refused' in d) refused.push(d.refused);
        else documents.push(d.document);
      }
    }
    return { documents, refused };
  }

  /** `GET <url>/cr/exe?<query>` with the secret cookie: the agent's status and answer text. */
  async controlRoom(
    query: URLSearchParams,
    secret: string,
  ): Promise<{ ok: boolean; status: number; body: string }> {
    this.requests += 1;
    const res = await this.fetchWithDeadline(`${this.baseUrl}/cr/exe?${query.toString()}`, {
      headers: { cookie: `${AGENT_SECRET_COOKIE}=${secret}` },
    });
    const body = await res.text();
    return { ok: res.ok, status: res.status, body };
  }

  private async exchange(messages: unknown[]): Promise<unknown[]> {
    this.requests += 1;
    const res = await this.fetchWithDeadline(`${this.baseUrl}/sync_proxy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: messages.map((m) => JSON.stringify(m)) }),
    });
    if (!res.ok) throw new AgentError(`the agent answered HTTP ${res.status}`);
    try {
      const body = (await res.json()) as unknown;
      if (!isObject(body) || !Array.isArray(body.messages)) throw new Error('no messages');
      return body.messages.map((m) => JSON.parse(String(m)) as unknown);
    } catch {
      throw new AgentError('the agent answered with a body that is not the sync protocol');
    }
  }

  private async fetchWithDeadline(url: string, init: RequestInit): Promise<Response> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    // Twice at most: a kept-alive connection to an agent that restarted fails once, then a new one is opened.
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetch(url, { ...init, signal: deadline });
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        if (timedOut) throw new AgentError(`no answer within ${this.timeoutMs} ms`);
        if (attempt === 2) throw new AgentError('the agent is unreachable');
      }
    }
  }
}
