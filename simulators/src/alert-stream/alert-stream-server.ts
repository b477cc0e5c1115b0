// The simulated alert source: serves alert batches over the protocol alert sources speak
// (subgraphs/alerts/README.md, "Alert sources"), a new batch every `everyMs`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeAlertContainer } from '@opshub/alerts/elasticc';
import { AlertStream, type AlertBatch, type AlertStreamOptions } from './alert-stream.js';

export interface AlertStreamServerOptions extends AlertStreamOptions {
  host?: string;
  /** 0: a free port (see `url`). */
  port?: number;
  /** Batches present at start. */
  initialBatches?: number;
  /** A new batch every this many ms (0: none, tests add them). */
  everyMs?: number;
  /** Batches kept (the oldest are dropped; a cursor before them resumes at the oldest kept). */
  keep?: number;
  /** Batches listed per `GET batches` page. */
  pageSize?: number;
}

interface Served {
  name: string;
  bytes: Buffer;
  /** NDJSON; null: this batch has no truth (404). */
  truth: string | null;
  alerts: number;
}

export interface AlertStreamServer {
  /** The source's base URL (ends in `/`): register it with addAlertSource. */
  url: string;
  port: number;
  /** Observes one more step of the survey and serves it as the next batch; returns what it holds. */
  addBatch(): Promise<{ name: string; batch: AlertBatch }>;
  /** Serves any bytes as the next batch (tests: a corrupt or truncated file). */
  putBatch(bytes: Buffer, truth?: string | null): string;
  /** The names served, in order. */
  names(): string[];
  /** Requests answered so far, by path (tests count what a pull asked for). */
  readonly requests: string[];
  close(): Promise<void>;
}

const NAME = /^\/batches\/([A-Za-z0-9][A-Za-z0-9._-]*)(\/truth)?$/;

export async function startAlertStreamServer(
  options: AlertStreamServerOptions = {},
): Promise<AlertStreamServer> {
  const stream = new AlertStream(options);
  const keep = options.keep ?? 2_000;
  const pageSize = options.pageSize ?? 100;
  const served: Served[] = [];
  const requests: string[] = [];
  let counter = 0;
  // This run's start (13 digits until 2286): a cursor the hub kept from an earlier run (its database outlives a
  // restart of the demo) sorts before every batch of this one, so pulling resumes at once instead of waiting for
  // the counter to pass it.
  const run = String(Date.now()).padStart(13, '0');

  const push = (bytes: Buffer, truth: string | null, alerts: number): string => {
    // Names sort in serving order, so a cursor is the name of the last batch taken.
    const name = `batch-${run}-${String(++counter).padStart(8, '0')}.avro`;
    served.push({ name, bytes, truth, alerts });
    if (served.length > keep) served.splice(0, served.length - keep);
    return name;
  };

  const addBatch = async (): Promise<{ name: string; batch: AlertBatch }> => {
    const batch = stream.next();
    const bytes = await encodeAlertContainer(batch.alerts, { codec: 'deflate' });
    const truth = batch.truth.map((t) => JSON.stringify(t)).join('\n');
    return { name: push(bytes, truth ? `${truth}\n` : '', batch.alerts.length), batch };
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    requests.push(url.pathname);
    const reply = (status: number, type: string, body: Buffer | string): void => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.method !== 'GET') return reply(405, 'text/plain', 'GET only\n');
    if (url.pathname === '/batches' || url.pathname === '/batches/') {
      const after = url.searchParams.get('after');
      const page = served.filter((b) => after === null || b.name > after).slice(0, pageSize);
      return reply(
        200,
        'application/json',
        JSON.stringify({
          batches: page.map((b) => ({ name: b.name, cursor: b.name, alerts: b.alerts })),
          next: page.at(-1)?.name ?? after,
        }),
      );
    }
    const match = NAME.exec(url.pathname);
    const batch = match && served.find((b) => b.name === match[1]);
    if (!match || !batch) return reply(404, 'text/plain', 'no such batch\n');
    if (match[2]) {
      if (batch.truth === null) return reply(404, 'text/plain', 'no truth for this batch\n');
      return reply(200, 'application/x-ndjson', batch.truth);
    }
    return reply(200, 'application/avro', batch.bytes);
  });

  for (let i = 0; i < (options.initialBatches ?? 0); i++) await addBatch();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let timer: NodeJS.Timeout | undefined;
  if (options.everyMs) {
    let busy = false;
    timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void addBatch().finally(() => {
        busy = false;
      });
    }, options.everyMs);
  }
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    port,
    addBatch,
    putBatch: (bytes, truth = null) => push(bytes, truth, 0),
    names: () => served.map((b) => b.name),
    requests,
    close: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
