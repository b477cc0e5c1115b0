/**
 * The client side of the alert source protocol (subgraphs/alerts/README.md, "Alert sources"):
 * - `GET <url>/batches[?after=<cursor>]` → `{ "batches": [{ "name", "cursor" }…], "next" }`, the
 *   batches after the cursor in order, each with the cursor that follows it;
 * - `GET <url>/batches/<name>` → the batch: an Avro container file of elasticc.v0_9_1.alert records
 *   (JSON and NDJSON of the same records are read too);
 * - `GET <url>/batches/<name>/truth` → NDJSON truth of the batch's objects and detections, or 404.
 * Any other answer (a status, a timeout, a body cut short) is a failure of the source, never of the
 * batch: the pull stops there and the cursor stays, so the batch is asked for again later.
 */

export interface BatchRef {
  name: string;
  cursor: string;
}

/** A source that did not answer as the protocol says (the pull backs off). */
export class SourceUnavailable extends Error {}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export interface AlertSourceClientOptions {
  /** Each request's deadline, ms. */
  timeoutMs: number;
  /** A batch larger than this is a failure of the source (bytes). */
  maxBytes: number;
}

export class AlertSourceClient {
  constructor(
    private readonly base: string,
    private readonly options: AlertSourceClientOptions,
  ) {}

  private async get(path: string, accept404 = false): Promise<Buffer | null> {
    const url = new URL(path, this.base);
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      throw new SourceUnavailable(`GET ${url.pathname}${url.search}: ${reason(error)}`);
    }
    if (accept404 && response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new SourceUnavailable(`GET ${url.pathname}${url.search}: HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > this.options.maxBytes) {
      await response.body?.cancel();
      throw new SourceUnavailable(`GET ${url.pathname}: ${declared} bytes is over ${this.options.maxBytes}`);
    }
    try {
      const body = Buffer.from(await response.arrayBuffer());
      if (body.length > this.options.maxBytes)
        throw new SourceUnavailable(`GET ${url.pathname}: over ${this.options.maxBytes} bytes`);
      return body;
    } catch (error) {
      if (error instanceof SourceUnavailable) throw error;
      throw new SourceUnavailable(`GET ${url.pathname}: the body was cut short (${reason(error)})`);
    }
  }

  /** The batches after `cursor` (null: from the start), in the source's order. */
  async list(cursor: string | null): Promise<BatchRef[]> {
    const body = await this.get(cursor === null ? 'batches' : `batches?after=${encodeURIComponent(cursor)}`);
    let doc: unknown;
    try {
      doc = JSON.parse(body!.toString('utf8'));
    } catch {
      throw new SourceUnavailable('GET batches: the listing is not JSON');
    }
    const batches = (doc as { batches?: unknown } | null)?.batches;
    if (!Array.isArray(batches)) throw new SourceUnavailable('GET batches: no "batches" list');
    return batches.map((b: unknown, i) => {
      const { name, cursor: next } = (b ?? {}) as { name?: unknown; cursor?: unknown };
      if (typeof name !== 'string' || !NAME.test(name) || typeof next !== 'string' || next === '')
        throw new SourceUnavailable(`GET batches: entry ${i} needs a name ([A-Za-z0-9._-]) and a cursor`);
      return { name, cursor: next };
    });
  }

  async batch(name: string): Promise<Buffer> {
    return (await this.get(`batches/${encodeURIComponent(name)}`))!;
  }

  /** The batch's truth NDJSON, or null when the source has none for it. */
  async truth(name: string): Promise<string | null> {
    const body = await this.get(`batches/${encodeURIComponent(name)}/truth`, true);
    return body && body.toString('utf8');
  }
}

function reason(error: unknown): string {
  const e = error as Error & { cause?: Error };
  if (e.name === 'TimeoutError') return 'timed out';
  return e.cause?.message ? `${e.message} (${e.cause.message})` : e.message;
}
