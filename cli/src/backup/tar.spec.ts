import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTar, TarWriter } from './tar.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'opshub-tar-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function archive(entries: [string, Buffer][]): Promise<string> {
  const file = path.join(dir, 'a.tar');
  const tar = new TarWriter(createWriteStream(file));
  for (const [name, data] of entries) await tar.addBuffer(name, data, new Date(1_700_000_000_000));
  await tar.finish();
  return file;
}

describe('tar', () => {
  it('reads back what it wrote: long names (pax), empty and odd-sized files, in order', async () => {
    const long = `products/${'x'.repeat(150)}/weblog.tgz`;
    const entries: [string, Buffer][] = [
      ['manifest.json', Buffer.from('{}')],
      [long, Buffer.alloc(1_000, 3)],
      ['products/empty', Buffer.alloc(0)],
      ['products/block', Buffer.alloc(512, 1)],
    ];
    const file = await archive(entries);
    expect((await readFile(file)).length % 512).toBe(0);
    const out = path.join(dir, 'out');
    const read = await readTar(file, (e) => path.join(out, e.name));
    expect(read.map((e) => [e.name, e.size])).toEqual(entries.map(([n, d]) => [n, d.length]));
    expect(read[0]!.mtime).toEqual(new Date(1_700_000_000_000));
    for (const [name, data] of entries) expect(await readFile(path.join(out, name))).toEqual(data);
  });

  it('refuses names that leave the archive, bad headers and truncation', async () => {
    await expect(
      readTar(await archive([['../etc/passwd', Buffer.from('x')]]), () => undefined),
    ).rejects.toThrow(/points outside the archive/);
    const junk = path.join(dir, 'junk');
    await writeFile(junk, Buffer.alloc(1024, 65));
    await expect(readTar(junk, () => undefined)).rejects.toThrow(/not a tar archive/);
    const whole = await readFile(await archive([['big', Buffer.alloc(5_000, 1)]]));
    const cut = path.join(dir, 'cut');
    await writeFile(cut, whole.subarray(0, 2_048));
    await expect(readTar(cut, () => undefined)).rejects.toThrow(/truncated inside big/);
  });
});
