import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binTable, card, concat, emptyPrimary, header, image, str } from '../test/independent-fits.js';
import { FitsError, type FitsErrorReason } from './fits.error.js';
import { readFits } from './fits.reader.js';
import { readFitsFile } from './fits-file.reader.js';

const pixels = Array.from({ length: 1855 }, (_, i) => i * 0.5);

/** A small valid results-like file: primary, a 1855-row D table, a 60×4 image. */
function valid(): Buffer {
  return concat([
    emptyPrimary(),
    binTable('CAMERA-AVERAGE-PHY-HIGH-GAIN', [
      { name: 'CAMERA-AVERAGE-PHY-HIGH-GAIN', tform: 'D', rows: pixels },
    ]),
    image(
      'WF-PHY-HIGH-GAIN',
      -64,
      [60, 4],
      Array.from({ length: 240 }, (_, i) => i),
    ),
  ]);
}

function refused(input: Uint8Array): FitsError {
  try {
    readFits(input);
  } catch (error) {
    if (error instanceof FitsError) return error;
    throw new Error(`not a FitsError: ${String(error)}`);
  }
  throw new Error('the input was accepted');
}

function expectRefused(
  input: Uint8Array,
  reason: FitsErrorReason,
  where: { hdu?: number; card?: number; keyword?: string },
) {
  const error = refused(input);
  expect(error.reason).toBe(reason);
  expect(error).toMatchObject(where);
  return error;
}

describe('readFits refuses malformed input with a reason and a place', () => {
  it('not FITS: empty, another format, SIMPLE = F', () => {
    expectRefused(Buffer.alloc(0), 'NOT_FITS', { hdu: 0 });
    expectRefused(Buffer.from('\x89PNG\r\n\x1a\n' + 'x'.repeat(3000), 'latin1'), 'NOT_FITS', {
      hdu: 0,
      card: 1,
    });
    expectRefused(Buffer.from('{"messages": []}'), 'NOT_FITS', { hdu: 0 });
    expectRefused(header([card('SIMPLE', 'F'), card('BITPIX', '8'), card('NAXIS', '0')]), 'NOT_FITS', {
      hdu: 0,
      card: 1,
    });
  });

  it('truncated header: the input stops inside a header block', () => {
    const file = valid();
    const error = expectRefused(file.subarray(0, 2880 + 1000), 'TRUNCATED_HEADER', { hdu: 1 });
    expect(error.message).toContain('1000 bytes into header block 1');
    expectRefused(file.subarray(0, 100), 'TRUNCATED_HEADER', { hdu: 0 });
  });

  it('missing END: a header that runs to the end of the input, or into binary data', () => {
    const noEnd = Buffer.from(
      [card('SIMPLE', 'T'), card('BITPIX', '8'), card('NAXIS', '0')].join('').padEnd(2880),
      'latin1',
    );
    expectRefused(noEnd, 'MISSING_END', { hdu: 0 });
    const intoData = Buffer.concat([noEnd, Buffer.from([0, 1, 2, 3]), Buffer.alloc(2876, 0x20)]);
    expectRefused(intoData, 'MISSING_END', { hdu: 0, card: 37 });
  });

  it('truncated data: the file ends before the data the header promises', () => {
    const file = valid();
    const error = expectRefused(file.subarray(0, file.length - 2880), 'TRUNCATED_DATA', { hdu: 2 });
    expect(error.message).toMatch(/data needs 1920 bytes \(BITPIX = -64, NAXIS1 = 60, NAXIS2 = 4\)/);
  });

  it('lying NAXIS2: more rows than written (last HDU) or fewer/more than written (middle HDU)', () => {
    const lastTooMany = concat([
      emptyPrimary(),
      binTable('T', [{ name: 'v', tform: 'D', rows: pixels }], { naxis2: 5000 }),
    ]);
    const error = expectRefused(lastTooMany, 'TRUNCATED_DATA', { hdu: 1, keyword: 'NAXIS2' });
    expect(error.message).toMatch(/needs 40000 bytes .*NAXIS1 = 8, NAXIS2 = 5000.* only 17280 remain/);
    const middle = (naxis2: number) =>
      concat([
        emptyPrimary(),
        binTable('T', [{ name: 'v', tform: 'D', rows: pixels }], { naxis2 }),
        binTable('U', [{ name: 'w', tform: 'K', rows: [1n, 2n] }]),
      ]);
    expectRefused(middle(1000), 'DATA_SIZE_MISMATCH', { hdu: 1, keyword: 'NAXIS2' });
    expectRefused(middle(2300), 'DATA_SIZE_MISMATCH', { hdu: 1, keyword: 'NAXIS2' });
  });

  it('hostile NAXIS: a header promising petabytes is refused before any allocation', () => {
    const before = process.memoryUsage().arrayBuffers;
    const huge = concat([
      emptyPrimary(),
      binTable('T', [{ name: 'v', tform: 'D', rows: [1, 2] }], { naxis2: 2 ** 50 }),
    ]);
    expectRefused(huge, 'TRUNCATED_DATA', { hdu: 1 });
    const hugeImage = concat([image(undefined, -64, [2 ** 26, 2 ** 26, 2 ** 26], [], { primary: true })]);
    expectRefused(hugeImage, 'TRUNCATED_DATA', { hdu: 0 });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 2 ** 20);
  });

  it('hostile counts that cost no bytes: rows of zero width, a header of junk cards without END', () => {
    const zeroWidth = concat([
      emptyPrimary(),
      binTable('T', [{ name: 's', tform: '0A', rows: [''] }], { naxis2: 2 ** 50 }),
    ]);
    expectRefused(zeroWidth, 'BAD_KEYWORD', { hdu: 1, keyword: 'NAXIS2' });
    const junk = Buffer.from(card('SIMPLE', 'T') + card('HISTORY', undefined, 'x').repeat(100_035), 'latin1');
    expectRefused(junk, 'MISSING_END', { hdu: 0, card: 100_001 });
  });

  it('a scaling keyword that is not a number', () => {
    const scaled = concat([
      emptyPrimary(),
      binTable('T', [{ name: 'v', tform: 'J', extra: [card('TSCAL1', str('two'))], rows: [1] }]),
    ]);
    expectRefused(scaled, 'BAD_KEYWORD', { hdu: 1, keyword: 'TSCAL1' });
  });

  it('unknown TFORM, variable-length columns, NAXIS1 not matching the TFORMs', () => {
    const withForm = (tform: string) =>
      concat([
        emptyPrimary(),
        binTable('T', [{ name: 'v', tform: 'D', rows: [1] }], {
          extra: [],
        }),
      ])
        .toString('latin1')
        .replace("TFORM1  = 'D       '", `TFORM1  = ${str(tform).padEnd(10)}`);
    expectRefused(Buffer.from(withForm('3Z'), 'latin1'), 'UNKNOWN_TFORM', { hdu: 1, keyword: 'TFORM1' });
    expectRefused(Buffer.from(withForm('PD(10)'), 'latin1'), 'UNSUPPORTED', { hdu: 1, keyword: 'TFORM1' });
    const wide = concat([
      emptyPrimary(),
      binTable('T', [{ name: 'v', tform: 'D', rows: [1, 2] }], { naxis1: 4 }),
    ]);
    const error = expectRefused(wide, 'ROW_WIDTH_MISMATCH', { hdu: 1, keyword: 'NAXIS1' });
    expect(error.message).toContain('NAXIS1 = 4 but the TFORMs (1D) add up to 8 bytes per row');
  });

  it('bad BITPIX and bad or missing size keywords', () => {
    const bitpix = (value: string) =>
      header([card('SIMPLE', 'T'), card('BITPIX', value), card('NAXIS', '0')]);
    expectRefused(bitpix('12'), 'BAD_BITPIX', { hdu: 0, card: 2, keyword: 'BITPIX' });
    expectRefused(bitpix('-16'), 'BAD_BITPIX', { hdu: 0, keyword: 'BITPIX' });
    expectRefused(bitpix("'eight'"), 'BAD_KEYWORD', { hdu: 0, keyword: 'BITPIX' });
    const noNaxis1 = header([card('SIMPLE', 'T'), card('BITPIX', '8'), card('NAXIS', '1')]);
    expectRefused(noNaxis1, 'BAD_KEYWORD', { hdu: 0, keyword: 'NAXIS1' });
    const negative = header([
      card('SIMPLE', 'T'),
      card('BITPIX', '8'),
      card('NAXIS', '1'),
      card('NAXIS1', '-5'),
    ]);
    expectRefused(negative, 'BAD_KEYWORD', { hdu: 0, keyword: 'NAXIS1' });
  });

  it('corrupt gzip, and a gzip bomb beyond the inflate cap', () => {
    const gz = gzipSync(valid());
    const corrupt = Buffer.from(gz);
    corrupt.fill(0x55, 20, 60);
    expect(refused(corrupt).reason).toBe('BAD_GZIP');
    const bomb = gzipSync(Buffer.alloc(8 * 2 ** 20));
    expect(() => readFits(bomb, { maxInflatedBytes: 2 ** 20 })).toThrow(/BAD_GZIP.*more than 1048576 bytes/);
  });

  it('never throws anything but FitsError on truncated or mutated files', () => {
    const file = valid();
    for (let cut = 0; cut < file.length; cut += 97) {
      try {
        readFits(file.subarray(0, cut));
      } catch (error) {
        expect(error).toBeInstanceOf(FitsError);
      }
    }
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 400; round++) {
      const mutated = Buffer.from(file);
      for (let k = 0; k < 4; k++) mutated[(next() % 3) * 2880 + (next() % 2880)] = next() % 256;
      try {
        readFits(mutated);
      } catch (error) {
        expect(error).toBeInstanceOf(FitsError);
      }
    }
  });
});

describe('readFitsFile refuses the same inputs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fits-errors-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function streamRefusal(bytes: Uint8Array, maxInflatedBytes?: number): Promise<FitsError> {
    const file = path.join(dir, `f-${Math.random().toString(36).slice(2)}.fits`);
    await writeFile(file, bytes);
    try {
      for await (const _hdu of readFitsFile(file, { maxInflatedBytes })) {
        // reading is the test
      }
    } catch (error) {
      if (error instanceof FitsError) return error;
      throw error;
    }
    throw new Error('the input was accepted');
  }

  it('not FITS, truncated header, lying NAXIS2, hostile NAXIS, corrupt gzip', async () => {
    expect((await streamRefusal(Buffer.from('not fits at all'))).reason).toBe('NOT_FITS');
    expect((await streamRefusal(valid().subarray(0, 4000))).reason).toBe('TRUNCATED_HEADER');
    const lying = concat([
      emptyPrimary(),
      binTable('T', [{ name: 'v', tform: 'D', rows: pixels }], { naxis2: 5000 }),
    ]);
    expect(await streamRefusal(lying)).toMatchObject({ reason: 'TRUNCATED_DATA', hdu: 1 });
    const huge = concat([
      emptyPrimary(),
      binTable('T', [{ name: 'v', tform: 'D', rows: [1] }], { naxis2: 2 ** 50 }),
    ]);
    expect(await streamRefusal(gzipSync(huge))).toMatchObject({ reason: 'TRUNCATED_DATA', hdu: 1 });
    const middle = concat([
      emptyPrimary(),
      binTable('T', [{ name: 'v', tform: 'D', rows: pixels }], { naxis2: 1000 }),
      binTable('U', [{ name: 'w', tform: 'K', rows: [1n] }]),
    ]);
    expect(await streamRefusal(middle)).toMatchObject({ reason: 'DATA_SIZE_MISMATCH', hdu: 1 });
    const corrupt = gzipSync(valid());
    corrupt.fill(0x55, 20, 60);
    expect((await streamRefusal(corrupt)).reason).toBe('BAD_GZIP');
    const bomb = gzipSync(concat([emptyPrimary(), Buffer.alloc(8 * 2 ** 20)]));
    expect((await streamRefusal(bomb, 2 ** 20)).message).toMatch(/BAD_GZIP.*more than 1048576 bytes/);
  });
});
