// A small POSIX tar (ustar, with a pax `path` record for long names) writer and reader for the backup
// archive, so that an operator can list or unpack a backup with the system's `tar` and opshub needs no
// archive library. Regular files only; entries are streamed from and to disk.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const BLOCK = 512;

/** Writes entries one after the other to `out`; `onBytes` counts the bytes of content written. */
export class TarWriter {
  constructor(
    private readonly out: Writable,
    private readonly onBytes: (n: number) => void = () => undefined,
  ) {}

  async addBuffer(name: string, data: Buffer, mtime = new Date()): Promise<void> {
    await this.header(name, data.length, mtime);
    await this.write(data);
    this.onBytes(data.length);
    await this.write(padding(data.length));
  }

  async addFile(name: string, file: string, size: number, mtime: Date): Promise<void> {
    await this.header(name, size, mtime);
    const source = createReadStream(file);
    let written = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      written += chunk.length;
      if (written > size) throw new Error(`${file} grew while it was archived`);
      await this.write(chunk);
      this.onBytes(chunk.length);
    }
    if (written !== size) throw new Error(`${file} changed size while it was archived`);
    await this.write(padding(size));
  }

  /** The two zero blocks that end an archive. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    await new Promise<void>((resolve, reject) =>
      this.out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }

  private async header(name: string, size: number, mtime: Date): Promise<void> {
    if (Buffer.byteLength(name) > 100) {
      const record = paxRecord('path', name);
      await this.write(headerBlock('././@PaxHeader', record.length, mtime, 'x'));
      await this.write(record);
      await this.write(padding(record.length));
    }
    await this.write(headerBlock(name, size, mtime, '0'));
  }

  private write(data: Buffer): Promise<void> {
    if (data.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.out.write(data, (error) => (error ? reject(error) : resolve()));
    });
  }
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  // The record's length counts its own digits.
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return Buffer.from(`${length}${body}`);
}

function headerBlock(name: string, size: number, mtime: Date, type: '0' | 'x'): Buffer {
  const block = Buffer.alloc(BLOCK);
  const field = (offset: number, length: number, value: string) => block.write(value, offset, length, 'utf8');
  const octal = (offset: number, length: number, value: number) =>
    field(offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
  field(0, 100, Buffer.byteLength(name) > 100 ? Buffer.from(name).subarray(0, 100).toString('latin1') : name);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, Math.floor(mtime.getTime() / 1000));
  field(148, 8, '        ');
  field(156, 1, type);
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const byte of block) sum += byte;
  field(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

export interface TarEntry {
  name: string;
  size: number;
  mtime: Date;
}

/**
 * Reads an archive written by TarWriter (or any ustar/pax tar of regular files): for each file entry
 * `target(entry)` says where to write it (undefined: skip it). Names that are absolute or climb out
 * with `..` are refused. `onBytes` counts the archive bytes read.
 */
export async function readTar(
  file: string,
  target: (entry: TarEntry) => string | undefined,
  onBytes: (n: number) => void = () => undefined,
): Promise<TarEntry[]> {
  const handle = await open(file, 'r');
  const entries: TarEntry[] = [];
  try {
    const { size: total } = await handle.stat();
    let position = 0;
    let longName: string | undefined;
    const read = async (length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      if (bytesRead !== length) throw new Error(`${file} is truncated at byte ${position + bytesRead}`);
      position += length;
      onBytes(length);
      return buffer;
    };
    for (;;) {
      const header = await read(BLOCK);
      if (header.every((b) => b === 0)) break;
      checkSum(header, file, position - BLOCK);
      const size = parseInt(text(header, 124, 12) || '0', 8);
      const type = text(header, 156, 1) || '0';
      const padded = size + ((BLOCK - (size % BLOCK)) % BLOCK);
      if (type === 'x') {
        longName = paxPath((await read(padded)).subarray(0, size).toString('utf8'));
        continue;
      }
      const prefix = text(header, 345, 155);
      const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
      longName = undefined;
      if (type !== '0') {
        // Directories, links and the like: a backup holds regular files only.
        position += padded;
        onBytes(padded);
        continue;
      }
      const entry = {
        name: safeName(name),
        size,
        mtime: new Date(parseInt(text(header, 136, 12), 8) * 1000),
      };
      entries.push(entry);
      if (position + size > total) throw new Error(`${file} is truncated inside ${entry.name}`);
      const destination = target(entry);
      if (destination) await extract(handle, position, size, destination);
      position += padded;
      onBytes(padded);
    }
    return entries;
  } finally {
    await handle.close();
  }
}

async function extract(handle: FileHandle, start: number, size: number, destination: string): Promise<void> {
  await mkdir(path.dirname(destination), { recursive: true });
  if (size === 0) return writeFile(destination, '');
  const source = handle.createReadStream({ start, end: start + size - 1, autoClose: false });
  await pipeline(source, createWriteStream(destination));
}

function text(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw
    .subarray(0, end === -1 ? length : end)
    .toString('utf8')
    .trim();
}

function checkSum(header: Buffer, file: string, at: number): void {
  const expected = parseInt(text(header, 148, 8), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  if (sum !== expected) throw new Error(`${file} is not a tar archive (bad header at byte ${at})`);
}

function paxPath(records: string): string | undefined {
  for (const line of records.split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

function safeName(name: string): string {
  const normal = path.posix.normalize(name);
  if (path.posix.isAbsolute(normal) || normal.split('/').includes('..'))
    throw new Error(`refusing the archive entry ${JSON.stringify(name)}: it points outside the archive`);
  return normal;
}
