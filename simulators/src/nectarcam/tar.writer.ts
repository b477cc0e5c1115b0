import { gzipSync } from 'node:zlib';

/** A file to put in a tarball. */
export interface TarFile {
  name: string;
  data: Uint8Array;
  mtime?: Date;
}

const BLOCK = 512;

/** A gzipped ustar archive of regular files (names up to 100 bytes, or 255 split over the prefix). */
export function writeTarGz(files: readonly TarFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(header(f));
    parts.push(Buffer.from(f.data));
    const pad = (BLOCK - (f.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return gzipSync(Buffer.concat(parts));
}

function header(f: TarFile): Buffer {
  const h = Buffer.alloc(BLOCK);
  let name = f.name;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 1);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
    if (cut < 0 || Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155)
      throw new Error(`tar: the name ${f.name} is too long for ustar`);
  }
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'ascii');
  h.write('0000000\0', 108, 'ascii');
  h.write('0000000\0', 116, 'ascii');
  h.write(`${f.data.length.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  const mtime = Math.floor((f.mtime ?? new Date()).getTime() / 1000);
  h.write(`${mtime.toString(8).padStart(11, '0')}\0`, 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}
