import { describe, expect, it } from 'vitest';
import { FitsError } from './fits.error.js';
import { findHdu, readFits } from './fits.reader.js';
import { writeFits } from './fits.writer.js';
import type { BinTableHdu, ImageHdu } from './hdu.js';

const cardsOf = (file: Buffer, hduStart = 0) =>
  file
    .toString('latin1', hduStart, hduStart + 2880)
    .match(/.{80}/g)!
    .filter((c) => c.trim() !== '');

describe('writeFits', () => {
  it('writes standard fixed-format cards: an empty primary before a table, mandatory keywords in order', () => {
    const file = writeFits([
      { kind: 'bintable', name: 'T', columns: [{ name: 'v', data: new Float64Array([1]) }] },
    ]);
    expect(file.length % 2880).toBe(0);
    expect(cardsOf(file)).toEqual([
      'SIMPLE  =                    T'.padEnd(80),
      'BITPIX  =                    8'.padEnd(80),
      'NAXIS   =                    0'.padEnd(80),
      'EXTEND  =                    T'.padEnd(80),
      'END'.padEnd(80),
    ]);
    expect(cardsOf(file, 2880).slice(0, 11)).toEqual(
      [
        "XTENSION= 'BINTABLE'",
        'BITPIX  =                    8',
        'NAXIS   =                    2',
        'NAXIS1  =                    8',
        'NAXIS2  =                    1',
        'PCOUNT  =                    0',
        'GCOUNT  =                    1',
        'TFIELDS =                    1',
        "TTYPE1  = 'v       '",
        "TFORM1  = '1D      '",
        "EXTNAME = 'T       '",
      ].map((c) => c.padEnd(80)),
    );
  });

  it('round-trips every column type through the reader, unsigned arrays via TZERO', () => {
    const columns = {
      f64: new Float64Array([0.1, -2, 1e300]),
      f32: new Float32Array([1.5, 2.5, -3.5, 4, 5, 6]),
      i64: new BigInt64Array([2n ** 62n + 1n, -5n, 0n]),
      u64: new BigUint64Array([0n, 2n ** 64n - 1n, 2n ** 63n]),
      i32: new Int32Array([-1, 0, 1]),
      u32: new Uint32Array([0, 4294967295, 1]),
      i16: new Int16Array([-7, 8, 9]),
      u16: new Uint16Array([65535, 0, 1]),
      i8: new Int8Array([-128, 0, 127]),
      u8: new Uint8Array([0, 128, 255]),
    };
    const file = writeFits([
      {
        kind: 'bintable',
        name: 'ALL',
        columns: [
          ...Object.entries(columns).map(([name, data]) => ({ name, data, repeat: name === 'f32' ? 2 : 1 })),
          { name: 'ok', data: [true, false, true] },
          { name: 'label', data: ['a', "it's", 'ccc'], unit: 'none' },
        ],
      },
    ]);
    const table = findHdu(readFits(file), 'ALL') as BinTableHdu;
    for (const [name, data] of Object.entries(columns)) {
      expect(table.columns.find((c) => c.name === name)?.data, name).toEqual(data);
    }
    expect(table.columns.find((c) => c.name === 'f32')).toMatchObject({ tform: '2E', shape: [3, 2] });
    expect(table.columns.find((c) => c.name === 'ok')?.data).toEqual([true, false, true]);
    expect(table.columns.find((c) => c.name === 'label')).toMatchObject({
      tform: '4A',
      unit: 'none',
      data: ['a', "it's", 'ccc'],
    });
  });

  it('writes images with shape and BITPIX from the array type, and header cards', () => {
    const wf = Float64Array.from({ length: 1855 * 60 }, (_, i) => i / 7);
    const ids = BigInt64Array.from({ length: 64 }, (_, i) => BigInt(i) * 2n ** 40n);
    const file = writeFits([
      {
        kind: 'image',
        shape: [],
        data: null,
        cards: [{ keyword: 'RUN', value: 6000, comment: 'run number' }],
      },
      { kind: 'image', name: 'WF-PHY-HIGH-GAIN', shape: [1855, 60], data: wf },
      { kind: 'image', name: 'IDS', shape: [8, 8], data: ids },
      { kind: 'image', name: 'U16', shape: [2], data: new Uint16Array([0, 65535]) },
    ]);
    const hdus = readFits(file);
    expect(hdus[0].header.get('RUN')).toBe(6000);
    expect(hdus[0].header.get('EXTEND')).toBe(true);
    const image = findHdu(hdus, 'WF-PHY-HIGH-GAIN') as ImageHdu;
    expect(image).toMatchObject({ bitpix: -64, shape: [1855, 60] });
    expect(image.header.get('NAXIS1')).toBe(60);
    // Bytes compared as one buffer: the same check as toEqual on the array, 100× faster.
    expect(Buffer.from((image.data as Float64Array).buffer).equals(Buffer.from(wf.buffer))).toBe(true);
    expect(findHdu(hdus, 'IDS')).toMatchObject({ bitpix: 64, data: ids });
    expect(findHdu(hdus, 'U16')).toMatchObject({ bitpix: 16, data: new Uint16Array([0, 65535]) });
  });

  it('writes long strings over CONTINUE cards and quotes inside strings, read back whole', () => {
    const long =
      "NectarCAM run 6000, pulled from https://example.org/dqm/NectarCAM_DQM_Run6000.tar.gz, it's fine ".repeat(
        3,
      );
    const file = writeFits([
      {
        kind: 'image',
        shape: [],
        data: null,
        cards: [
          { keyword: 'LONGSTRN', value: 'OGIP 1.0' },
          { keyword: 'SOURCE', value: long, comment: 'where' },
          { keyword: 'HISTORY', comment: 'written by the opshub FITS writer' },
          { keyword: 'BIGINT', value: 2n ** 62n },
          { keyword: 'RATIO', value: 0.25 },
        ],
      },
    ]);
    const cards = cardsOf(file);
    expect(cards.filter((c) => c.startsWith('CONTINUE  ')).length).toBeGreaterThanOrEqual(4);
    expect(cards.every((c) => c.length === 80)).toBe(true);
    const header = readFits(file)[0].header;
    expect(header.get('SOURCE')).toBe(long.trimEnd());
    expect(header.card('SOURCE')?.comment).toBe('where');
    expect(header.commentary('HISTORY')).toEqual(['written by the opshub FITS writer']);
    expect(header.get('BIGINT')).toBe(2n ** 62n);
    expect(header.get('RATIO')).toBe(0.25);
  });

  it('refuses what it cannot write', () => {
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as FitsError).reason;
      }
      return 'accepted';
    };
    expect(reason(() => writeFits([{ kind: 'image', shape: [2, 2], data: new Float64Array(3) }]))).toBe(
      'INVALID_WRITE',
    );
    expect(
      reason(() =>
        writeFits([
          {
            kind: 'bintable',
            columns: [
              { name: 'a', data: new Float64Array(3) },
              { name: 'b', data: new Float64Array(4) },
            ],
          },
        ]),
      ),
    ).toBe('INVALID_WRITE');
    expect(
      reason(() =>
        writeFits([{ kind: 'image', shape: [], data: null, cards: [{ keyword: 'lower', value: 1 }] }]),
      ),
    ).toBe('INVALID_WRITE');
    expect(
      reason(() =>
        writeFits([{ kind: 'image', shape: [], data: null, cards: [{ keyword: 'X', value: NaN }] }]),
      ),
    ).toBe('INVALID_WRITE');
    expect(reason(() => writeFits([{ kind: 'bintable', columns: [{ name: 's', data: ['é'] }] }]))).toBe(
      'INVALID_WRITE',
    );
  });
});
