import http from 'node:http';
import https from 'node:https';

/** One subgraph answer read whole: what a fetch shared between callers hands to each (fetch-dedup.ts). */
export interface SubgraphAnswer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

export interface SubgraphRequestInit {
  method?: string;
  headers?: Record<string, string> | [string, string][];
  body?: string;
  signal?: AbortSignal;
}

/**
 * What @apollo/gateway reads of a subgraph's response (status, headers, JSON or text body), over
 * a body already read: no stream left to drain, and parsed by JSON.parse straight from the string.
 */
export class SubgraphResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  private parsedHeaders?: Headers;

  constructor(
    private readonly answer: SubgraphAnswer,
    readonly url: string,
  ) {
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.ok = answer.status >= 200 && answer.status < 300;
  }

  get headers(): Headers {
    return (this.parsedHeaders ??= new Headers(this.answer.headers));
  }

  async text(): Promise<string> {
    return this.answer.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.answer.body);
  }

  clone(): SubgraphResponse {
    return new SubgraphResponse(this.answer, this.url);
  }
}

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

/**
 * HTTP/1.1 to the subgraphs over node:http's keep-alive agents (one pool per gateway): a fetch
 * costs a request on a warm socket, without the WHATWG stream machinery of the global fetch,
 * which was an eighth of the gateway's CPU under load (bench/README.md). Errors keep their codes
 * (ECONNREFUSED, ECONNRESET…); an aborted signal rejects with its reason.
 */
export class SubgraphHttp {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 }),
  };

  request(url: string, init: SubgraphRequestInit = {}): Promise<SubgraphAnswer> {
    const { signal } = init;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const headers: Record<string, string> = Array.isArray(init.headers)
      ? Object.fromEntries(init.headers)
      : { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    return new Promise<SubgraphAnswer>((resolve, reject) => {
      const request = (secure ? https : http).request(
        target,
        { method: init.method ?? 'GET', headers, agent: this.agents[secure ? 'https:' : 'http:'] },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            signal?.removeEventListener('abort', onAbort);
            const list: [string, string][] = [];
            const raw = response.rawHeaders;
            for (let i = 0; i < raw.length; i += 2) list.push([raw[i]!, raw[i + 1]!]);
            resolve({
              status: response.statusCode ?? 0,
              statusText: response.statusMessage ?? '',
              headers: list,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      const onAbort = (): void => {
        request.destroy();
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      request.end(init.body);
    });
  }

  /** Closes the pooled sockets (the gateway's close). */
  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}
