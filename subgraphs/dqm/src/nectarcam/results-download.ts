import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a previous download of the file answered, sent back to skip an unchanged file. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type Download =
  | { kind: 'unchanged' }
  | { kind: 'file'; bytes: Buffer; sha256: string; size: number; validators: Validators };

/** The source answered, but not with the file (HTTP error, over the size cap). Not retried within a pull. */
export class DownloadError extends Error {
  constructor(
    message: string,
    /** Over the size cap: the file is refused (quarantined), not merely unreachable. */
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/**
 * Downloads one results tarball: streamed to a temporary file and hashed on the way, refused once it
 * passes `maxBytes` (the body is cut, never buffered whole first), then read back for parsing.
 */
export async function downloadResults(
  url: string,
  known: Validators | null,
  maxBytes: number,
  timeoutMs: number,
): Promise<Download> {
  const headers: Record<string, string> = {};
  if (known?.etag) headers['if-none-match'] = known.etag;
  if (known?.lastModified) headers['if-modified-since'] = known.lastModified;
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  if (res.status === 304) return { kind: 'unchanged' };
  if (!res.ok || !res.body) throw new DownloadError(`GET ${url}: HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body.cancel();
    throw new DownloadError(`${url} is ${declared} bytes, over the ${maxBytes}-byte cap`, true);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'opshub-nectarcam-'));
  try {
    const file = path.join(dir, 'results.tar.gz');
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new DownloadError(`${url} passes the ${maxBytes}-byte cap`, true));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(res.body as never), meter, createWriteStream(file));
    return {
      kind: 'file',
      bytes: await readFile(file),
      sha256: hash.digest('hex'),
      size,
      validators: { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
