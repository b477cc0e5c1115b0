import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeNectarcamResults } from '@opshub/fits';
import { writeTarGz } from './tar.writer.js';

export interface NectarcamServerOptions {
  host?: string;
  /** 0: a free port (see `url`). */
  port?: number;
  camera?: string;
  /** The first run's number; later runs count up from it. */
  firstRun?: number;
  /** Runs present at start. */
  initialRuns?: number;
  /** A new run every this many ms (0: none, tests add them). */
  everyMs?: number;
  /** The first run's start (unix seconds); each next run starts 25 minutes later. */
  firstStart?: number;
}

interface Served {
  bytes: Buffer;
  etag: string;
  modified: Date;
}

/** A NectarCAM results directory as Apache serves one: an HTML index and the tarballs. */
export interface NectarcamServer {
  url: string;
  port: number;
  camera: string;
  /** Writes the next run's results tarball (the real layout, seeded by the run number); returns its name. */
  addRun(): string;
  /** Writes run `run` again with other values (a reprocessed run: its file changes). */
  rewriteRun(run: number, seed: number): string;
  /** Serves any bytes under a name (tests: corrupt tarballs). */
  putFile(name: string, bytes: Buffer): void;
  /** The tarball of run `run` as served (tests compare the stored values with it). */
  results(run: number, seed?: number): Buffer;
  close(): Promise<void>;
}

const RUN_SECONDS = 25 * 60;

/** The tarball of one run: `DQM_Run<N>/NectarCAM_Run<N>_Results.fits`, as the DQM job packs it. */
export function resultsTarball(run: number, seed: number, startTime: number): Buffer {
  const fits = writeNectarcamResults({ run, seed, startTime });
  return writeTarGz([
    { name: `DQM_Run${run}/NectarCAM_Run${run}_Results.fits`, data: fits, mtime: new Date(startTime * 1000) },
  ]);
}

export async function startNectarcamServer(options: NectarcamServerOptions = {}): Promise<NectarcamServer> {
  const camera = options.camera ?? 'NectarCAMQM';
  const firstRun = options.firstRun ?? 7000;
  const firstStart = options.firstStart ?? 1_764_700_000;
  const files = new Map<string, Served>();
  let next = firstRun;

  const put = (name: string, bytes: Buffer) =>
    files.set(name, {
      bytes,
      etag: `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`,
      // HTTP dates have second precision: a rewrite within the same second must still differ by ETag.
      modified: new Date(Math.floor(Date.now() / 1000) * 1000),
    });
  const startOf = (run: number) => firstStart + (run - firstRun) * RUN_SECONDS;
  const nameOf = (run: number) => `${camera}_DQM_Run${run}.tar.gz`;
  const results = (run: number, seed = run) => resultsTarball(run, seed, startOf(run));
  const addRun = () => {
    const run = next++;
    put(nameOf(run), results(run));
    return nameOf(run);
  };
  for (let i = 0; i < (options.initialRuns ?? 0); i++) addRun();

  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (path === '/') {
      const body = index([...files.entries()]);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      return;
    }
    const file = files.get(path.slice(1));
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304, { etag: file.etag }).end();
      return;
    }
    res
      .writeHead(200, {
        'content-type': 'application/gzip',
        'content-length': file.bytes.length,
        etag: file.etag,
        'last-modified': file.modified.toUTCString(),
      })
      .end(req.method === 'HEAD' ? undefined : file.bytes);
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const timer = options.everyMs ? setInterval(addRun, options.everyMs) : undefined;
  timer?.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    port,
    camera,
    addRun,
    rewriteRun: (run, seed) => {
      put(nameOf(run), results(run, seed));
      return nameOf(run);
    },
    putFile: put,
    results,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Apache's "Index of /" page (fancy indexing off): one link per file, with date and size. */
function index(entries: [string, Served][]): string {
  const rows = entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, f]) =>
        `<a href="${encodeURIComponent(name)}">${name}</a>${' '.repeat(Math.max(1, 50 - name.length))}` +
        `${f.modified.toISOString().slice(0, 16).replace('T', ' ')}  ${f.bytes.length}`,
    );
  return (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html><head><title>Index of /</title></head>\n' +
    `<body><h1>Index of /</h1><pre><a href="?C=N;O=D">Name</a> <a href="?C=M;O=A">Last modified</a>\n<hr>` +
    `<a href="../">Parent Directory</a>\n${rows.join('\n')}\n<hr></pre></body></html>\n`
  );
}
export { writeTarGz, type TarFile } from './tar.writer.js';
