import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binTable, card, concat, emptyPrimary, image, str } from '../test/independent-fits.js';
import { findHdu, readFits } from './fits.reader.js';
import { readFitsFile } from './fits-file.reader.js';
import type { BinTableHdu, Hdu, ImageHdu } from './hdu.js';

// Every file here comes from the independent writer in test/independent-fits.ts (DataView, hand-made cards).

const BIG = 2n ** 62n + 12345n; // not representable as a double: proves K never goes through a number

function tableFile(): Buffer {
  return concat([
    emptyPrimary([card('ORIGIN', str('opshub test'), 'who wrote it')]),
    binTable(
      'EVERY-TFORM',
      [
        { name: 'flag', tform: 'L', rows: [true, false, true] },
        {
          name: 'flags',
          tform: '2L',
          rows: [
            [true, true],
            [false, true],
            [false, false],
          ],
        },
        { name: 'byte', tform: 'B', rows: [0, 200, 255] },
        { name: 'short', tform: 'I', rows: [-32768, 0, 32767] },
        { name: 'int', tform: 'J', unit: 'count', rows: [-2147483648, 7, 2147483647] },
        { name: 'long', tform: 'K', rows: [BIG, -BIG, 0n] },
        {
          name: 'single',
          tform: '3E',
          unit: 'adc',
          rows: [
            [1.5, -2.25, 3],
            [0, 0.5, 1e10],
            [-1, -2, -3],
          ],
        },
        { name: 'double', tform: 'D', rows: [Math.PI, -1e-300, 2 ** 53 + 2] },
        { name: 'text', tform: '20A', rows: ['NectarCAM  ', 'x', ''] },
      ],
      { extra: [card('DATE-OBS', str('2026-12-02T10:00:00'))] },
    ),
  ]);
}

function scaledFile(): Buffer {
  return concat([
    emptyPrimary(),
    binTable('SCALED', [
      { name: 'u16', tform: 'I', extra: [card('TZERO1', '32768')], rows: [-32768, 0, 32767] },
      {
        name: 'u64',
        tform: 'K',
        extra: [card('TZERO2', '9223372036854775808')],
        rows: [-(2n ** 63n), 0n, 5n],
      },
      { name: 'lin', tform: 'J', extra: [card('TSCAL3', '0.5'), card('TZERO3', '10.0')], rows: [0, 2, -4] },
      { name: 's8', tform: 'B', extra: [card('TZERO4', '-128')], rows: [0, 128, 255] },
    ]),
  ]);
}

function imageFile(): Buffer {
  const ramp = (n: number, f: (i: number) => number | bigint) => Array.from({ length: n }, (_, i) => f(i));
  return concat([
    image(
      undefined,
      -32,
      [3, 2],
      ramp(6, (i) => i / 4),
      { primary: true, extra: [card('EXTEND', 'T')] },
    ),
    image('U8', 8, [4], [0, 1, 254, 255]),
    image('I16', 16, [2, 2], [-32768, -1, 1, 32767]),
    image('I32', 32, [3], [-2147483648, 0, 2147483647]),
    image('I64', 64, [2], [BIG, -BIG]),
    image(
      'F64',
      -64,
      [60, 2],
      ramp(120, (i) => Math.sin(i) * 1e5),
    ),
    image('SCALED', 16, [3], [-2, 0, 2], { extra: [card('BSCALE', '2.5'), card('BZERO', '1.0')] }),
    image('UNSIGNED', 16, [2], [-32768, 32767], { extra: [card('BZERO', '32768')] }),
    image('EMPTY', 8, [], []),
  ]);
}

const table = (hdus: Hdu[], name: string) => findHdu(hdus, name) as BinTableHdu;
const img = (hdus: Hdu[], name: string) => findHdu(hdus, name) as ImageHdu;
const col = (t: BinTableHdu, name: string) => t.columns.find((c) => c.name === name)!;

describe('readFits, binary tables', () => {
  const hdus = readFits(tableFile());
  const t = table(hdus, 'every-tform');

  it('reads the primary header and the extension by EXTNAME', () => {
    expect(hdus).toHaveLength(2);
    expect(hdus[0]).toMatchObject({ kind: 'image', index: 0, shape: [], data: null });
    expect(hdus[0].header.get('ORIGIN')).toBe('opshub test');
    expect(hdus[0].header.card('ORIGIN')?.comment).toBe('who wrote it');
    expect(t).toMatchObject({ kind: 'bintable', index: 1, name: 'EVERY-TFORM', rows: 3 });
    expect(t.header.get('DATE-OBS')).toBe('2026-12-02T10:00:00');
  });

  it('gives each TFORM its typed result, repeats as a second axis', () => {
    expect(col(t, 'flag').data).toEqual([true, false, true]);
    expect(col(t, 'flags')).toMatchObject({ shape: [3, 2], data: [true, true, false, true, false, false] });
    expect(col(t, 'byte').data).toEqual(new Uint8Array([0, 200, 255]));
    expect(col(t, 'short').data).toEqual(new Int16Array([-32768, 0, 32767]));
    expect(col(t, 'int')).toMatchObject({
      unit: 'count',
      data: new Int32Array([-2147483648, 7, 2147483647]),
    });
    expect(col(t, 'single')).toMatchObject({ tform: '3E', repeat: 3, shape: [3, 3], unit: 'adc' });
    expect(col(t, 'single').data).toEqual(new Float32Array([1.5, -2.25, 3, 0, 0.5, 1e10, -1, -2, -3]));
    expect(col(t, 'double').data).toEqual(new Float64Array([Math.PI, -1e-300, 2 ** 53 + 2]));
    expect(col(t, 'text')).toMatchObject({ shape: [3], data: ['NectarCAM', 'x', ''] });
  });

  it('keeps 64-bit integers exact', () => {
    const long = col(t, 'long').data as BigInt64Array;
    expect(long).toBeInstanceOf(BigInt64Array);
    expect([...long]).toEqual([BIG, -BIG, 0n]);
  });

  it('applies TSCAL/TZERO: the unsigned conventions exactly, anything else as float64', () => {
    const s = table(readFits(scaledFile()), 'SCALED');
    expect(col(s, 'u16').data).toEqual(new Uint16Array([0, 32768, 65535]));
    expect([...(col(s, 'u64').data as BigUint64Array)]).toEqual([0n, 2n ** 63n, 2n ** 63n + 5n]);
    expect(col(s, 'lin').data).toEqual(new Float64Array([10, 11, 8]));
    expect(col(s, 's8').data).toEqual(new Int8Array([-128, 0, 127]));
  });
});

describe('readFits, images', () => {
  const hdus = readFits(imageFile());

  it('reads every BITPIX big-endian, shape in row-major order (NAXIS1 last)', () => {
    expect(hdus[0]).toMatchObject({ kind: 'image', bitpix: -32, shape: [2, 3] });
    expect(hdus[0].kind === 'image' && hdus[0].data).toEqual(new Float32Array([0, 0.25, 0.5, 0.75, 1, 1.25]));
    expect(img(hdus, 'U8').data).toEqual(new Uint8Array([0, 1, 254, 255]));
    expect(img(hdus, 'I16')).toMatchObject({ shape: [2, 2], data: new Int16Array([-32768, -1, 1, 32767]) });
    expect(img(hdus, 'I32').data).toEqual(new Int32Array([-2147483648, 0, 2147483647]));
    expect([...(img(hdus, 'I64').data as BigInt64Array)]).toEqual([BIG, -BIG]);
    const f64 = img(hdus, 'F64');
    expect(f64.shape).toEqual([2, 60]);
    expect(f64.data).toEqual(Float64Array.from({ length: 120 }, (_, i) => Math.sin(i) * 1e5));
  });

  it('applies BSCALE/BZERO and reads an image without data', () => {
    expect(img(hdus, 'SCALED').data).toEqual(new Float64Array([-4, 1, 6]));
    expect(img(hdus, 'UNSIGNED').data).toEqual(new Uint16Array([0, 65535]));
    expect(img(hdus, 'EMPTY')).toMatchObject({ shape: [], data: null });
  });
});

describe('gzip and the streaming reader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fits-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function collect(file: string): Promise<Hdu[]> {
    const out: Hdu[] = [];
    for await (const hdu of readFitsFile(file)) out.push(hdu);
    return out;
  }

  it('inflates .fits.gz transparently, in memory and streamed', async () => {
    const plain = imageFile();
    const gz = gzipSync(plain);
    expect(readFits(gz)).toEqual(readFits(plain));
    const file = path.join(dir, 'images.fits.gz');
    await writeFile(file, gz);
    expect(await collect(file)).toEqual(readFits(plain));
  });

  it('streams a plain file HDU by HDU with the same result, and may stop early', async () => {
    const file = path.join(dir, 'table.fits');
    await writeFile(file, tableFile());
    expect(await collect(file)).toEqual(readFits(tableFile()));
    for await (const hdu of readFitsFile(file)) {
      expect(hdu.index).toBe(0);
      break;
    }
  });

  it('tolerates zero bytes after the last HDU', async () => {
    const padded = Buffer.concat([tableFile(), Buffer.alloc(2880)]);
    expect(readFits(padded)).toHaveLength(2);
    const file = path.join(dir, 'padded.fits');
    await writeFile(file, padded);
    expect(await collect(file)).toHaveLength(2);
  });
});
