import { gunzipSync } from 'node:zlib';

/** A file of a tarball. */
export interface TarEntry {
  /** Its path inside the archive (ustar prefix joined). */
  name: string;
  /** Modification time from the header. */
  mtime: Date;
  data: Buffer;
}

/** Why a tarball was refused; `reason` is stored with the quarantined file. */
export class TarError extends Error {
  constructor(
    readonly reason: 'BAD_GZIP' | 'TRUNCATED' | 'BAD_HEADER',
    message: string,
  ) {
    super(message);
    this.name = 'TarError';
  }
}

const BLOCK = 512;

/**
 * The regular files of a `.tar.gz` (ustar / GNU / pax headers; long names through GNU `L` and pax
 * `path`). A tarball that inflates beyond `maxBytes`, ends inside a header or a file, or has a header
 * whose checksum does not match is refused whole: nothing of it is returned.
 */
export function readTarGz(gz: Uint8Array, maxBytes: number): TarEntry[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(gz, { maxOutputLength: maxBytes });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new TarError('BAD_GZIP', `not a complete gzip stream: ${message}`);
  }
  return readTar(tar);
}

export function readTar(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let at = 0;
  let longName: string | undefined;
  let ended = false;
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) {
      ended = true;
      break;
    }
    checkSum(header, at);
    const size = octal(header.subarray(124, 136), at);
    const type = String.fromCharCode(header[156] || 0x30);
    const dataAt = at + BLOCK;
    if (dataAt + size > tar.length) {
      throw new TarError(
        'TRUNCATED',
        `the tarball ends inside an entry at byte ${at} (${size} bytes promised)`,
      );
    }
    const data = tar.subarray(dataAt, dataAt + size);
    if (type === 'L') longName = cString(data);
    else if (type === 'x') longName = paxPath(data) ?? longName;
    else {
      if (type === '0' || type === '7') {
        const prefix = cString(header.subarray(345, 500));
        const short = cString(header.subarray(0, 100));
        const name = longName ?? (prefix ? `${prefix}/${short}` : short);
        entries.push({ name, mtime: new Date(octal(header.subarray(136, 148), at) * 1000), data });
      }
      longName = undefined;
    }
    at = dataAt + Math.ceil(size / BLOCK) * BLOCK;
  }
  // tar ends with zero blocks; an archive cut exactly between entries has none.
  if (!ended) throw new TarError('TRUNCATED', 'the tarball ends without its end-of-archive blocks');
  return entries;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

function octal(field: Buffer, at: number): number {
  // GNU base-256 for sizes ≥ 8 GiB: far beyond any size cap, so refused as such.
  if (field[0]! & 0x80) throw new TarError('BAD_HEADER', `a base-256 size field at byte ${at}`);
  const text = cString(field).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarError('BAD_HEADER', `a non-octal field "${text}" at byte ${at}`);
  return parseInt(text, 8);
}

function checkSum(header: Buffer, at: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  if (sum !== octal(header.subarray(148, 156), at)) {
    throw new TarError('BAD_HEADER', `a header checksum mismatch at byte ${at}`);
  }
}

function paxPath(data: Buffer): string | undefined {
  for (const line of data.toString('utf8').split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}
