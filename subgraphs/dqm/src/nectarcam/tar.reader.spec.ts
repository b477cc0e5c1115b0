import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readTarGz, TarError } from './tar.reader.js';

const dir = mkdtempSync(path.join(tmpdir(), 'opshub-tar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A tarball made by the system's tar (GNU tar: an independent writer), gzipped. */
function systemTarGz(files: Record<string, Buffer>, format = 'gnu'): Buffer {
  const root = mkdtempSync(path.join(dir, 'src-'));
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), data);
  }
  const out = path.join(root, '..', `${path.basename(root)}.tar.gz`);
  execFileSync('tar', [`--format=${format}`, '-czf', out, '-C', root, ...Object.keys(files)]);
  return readFileSync(out);
}

const long = `${'deep/'.repeat(30)}NectarCAM_Run7001_Results.fits`;
const payload = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

describe('readTarGz', () => {
  it.each(['gnu', 'pax', 'ustar'])('reads the files of a %s tarball, long names included', (format) => {
    const files = { 'a.txt': Buffer.from('hello\n'), [format === 'ustar' ? 'b/c.bin' : long]: payload };
    const entries = readTarGz(systemTarGz(files, format), 1 << 20);
    expect(Object.fromEntries(entries.map((e) => [e.name, e.data]))).toEqual(files);
  });

  it('refuses a tarball cut in the middle, whole', () => {
    const gz = systemTarGz({ 'a.fits': payload });
    const tar = Buffer.from(execFileSync('gzip', ['-dc'], { input: gz }));
    expect(() => readTarGz(gzipSync(tar.subarray(0, 512 + 1000)), 1 << 20)).toThrow(
      expect.objectContaining({ reason: 'TRUNCATED' }),
    );
    expect(() => readTarGz(gz.subarray(0, gz.length - 20), 1 << 20)).toThrow(
      expect.objectContaining({ reason: 'BAD_GZIP' }),
    );
  });

  it('refuses a header whose checksum does not match, and a tarball inflating past the cap', () => {
    const tar = Buffer.from(execFileSync('gzip', ['-dc'], { input: systemTarGz({ 'a.fits': payload }) }));
    tar[0] ^= 1;
    expect(() => readTarGz(gzipSync(tar), 1 << 20)).toThrow(TarError);
    expect(() => readTarGz(systemTarGz({ 'a.fits': payload }), 1024)).toThrow(
      expect.objectContaining({ reason: 'BAD_GZIP' }),
    );
  });
});
