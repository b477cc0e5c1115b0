/** A document as the agent stores it: `_id`, the header fields, and anything else. */
export interface AgentDocument {
  _id: string;
  _rev?: number;
  timestamp?: number;
  hostname?: string | null;
  type?: string | null;
  tag?: string | null;
  run?: number | null;
  [field: string]: unknown;
}

/** What `update_headers` carries per document (fff_web.py `make_header`). */
export interface AgentHeader {
  _id: string;
  _rev: number;
  timestamp: number;
  hostname: string | null;
  type: string | null;
  tag: string | null;
  run: number | null;
}

/**
 * The agent's store as fff_dqmtools keeps it: a log of latest states. Every write takes
 * `rev = MAX(rev) + 1` and replaces the document with the same `_id`, so an updated document comes
 * back to a syncing mirror under its new rev and the old rev is gone.
 */
export class AgentStore {
  private readonly docs = new Map<string, { header: AgentHeader; body: AgentDocument }>();
  private lastRev = 0;

  /** Writes documents in one transaction, as `direct_transactional_upload` does; returns their headers. */
  put(...documents: AgentDocument[]): AgentHeader[] {
    return documents.map((doc) => {
      this.lastRev += 1;
      const header: AgentHeader = {
        _id: doc._id,
        _rev: this.lastRev,
        timestamp: doc.timestamp ?? Date.now() / 1000,
        hostname: doc.hostname ?? null,
        type: doc.type ?? null,
        tag: doc.tag ?? null,
        run: doc.run ?? null,
      };
      // The header is written back into the body, as the agent does (`write_back=True`).
      const body: AgentDocument = structuredClone({ ...doc, ...header });
      this.docs.delete(doc._id);
      this.docs.set(doc._id, { header, body });
      return header;
    });
  }

  /** Headers with `rev > fromRev` (all without it), in rev order. */
  headersAfter(fromRev?: number): AgentHeader[] {
    const headers = [...this.docs.values()].map((d) => d.header);
    return headers.filter((h) => fromRev === undefined || h._rev > fromRev).sort((a, b) => a._rev - b._rev);
  }

  /** The stored bodies of these ids; unknown ids are skipped, as the agent's `IN (…)` query does. */
  documents(ids: Iterable<string>): AgentDocument[] {
    const out: AgentDocument[] = [];
    for (const id of new Set(ids)) {
      const doc = this.docs.get(id);
      if (doc) out.push(structuredClone(doc.body));
    }
    return out;
  }

  get(id: string): AgentDocument | undefined {
    const doc = this.docs.get(id);
    return doc && structuredClone(doc.body);
  }

  get size(): number {
    return this.docs.size;
  }

  get rev(): number {
    return this.lastRev;
  }
}
