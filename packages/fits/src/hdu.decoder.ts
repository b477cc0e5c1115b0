import { FitsError } from './fits.error.js';
import type { Header } from './header.js';
import type { BinTableHdu, Column, Hdu, ImageHdu } from './hdu.js';
import { parseTform, type Tform } from './tform.js';
import { alignedBuffer, applyScaling, ELEMENT_SIZE, nativeArray, type NumericCode } from './typed.decoder.js';

const BITPIX_CODE: Record<number, NumericCode> = {
  8: 'B',
  16: 'I',
  32: 'J',
  64: 'K',
  [-32]: 'E',
  [-64]: 'D',
};
const MAX_AXES = 999;

/**
 * The number of data bytes the header promises (padding excluded), from the mandatory keywords alone.
 * May exceed what the input holds (a hostile or lying NAXIS): the caller compares before reading anything.
 */
export function dataLength(header: Header): number {
  const hdu = header.hdu;
  const bitpix = header.requireInt('BITPIX', -64, 64);
  if (!(bitpix in BITPIX_CODE)) {
    throw new FitsError('BAD_BITPIX', `BITPIX = ${bitpix} is not one of 8, 16, 32, 64, -32, -64`, {
      hdu,
      card: header.card('BITPIX')?.position,
      keyword: 'BITPIX',
    });
  }
  const axes = naxes(header);
  if (hdu > 0) {
    if (header.cards[0]?.keyword !== 'XTENSION') {
      throw new FitsError('BAD_KEYWORD', 'an extension header must start with XTENSION', { hdu, card: 1 });
    }
    const pcount = header.requireInt('PCOUNT', 0);
    const gcount = header.requireInt('GCOUNT', 0);
    // With NAXIS = 0 the axes' product counts as 0, not as the empty product 1.
    return (Math.abs(bitpix) / 8) * gcount * (pcount + (axes.length === 0 ? 0 : product(axes)));
  }
  if (header.boolean('GROUPS') === true && axes[0] === 0) {
    // Random groups (primary only): NAXIS1 = 0 and the groups' sizes follow from the other axes.
    const pcount = header.requireInt('PCOUNT', 0);
    const gcount = header.requireInt('GCOUNT', 0);
    return (Math.abs(bitpix) / 8) * gcount * (pcount + product(axes.slice(1)));
  }
  return axes.length === 0 ? 0 : (Math.abs(bitpix) / 8) * product(axes);
}

/** One HDU from its header and exactly `dataLength(header)` bytes of data. */
export function decodeHdu(header: Header, data: Buffer): Hdu {
  const index = header.hdu;
  const name = header.string('EXTNAME');
  const base = { index, header, ...(name !== undefined && { name }) };
  if (index === 0 && !(header.boolean('GROUPS') === true && naxes(header)[0] === 0)) {
    return decodeImage(header, data, base);
  }
  const xtension = index === 0 ? 'GROUPS' : (header.string('XTENSION') ?? '');
  if (xtension === 'IMAGE') return decodeImage(header, data, base);
  if (xtension === 'BINTABLE') return decodeBinTable(header, data, base);
  return { ...base, kind: 'other', xtension };
}

function naxes(header: Header): number[] {
  const n = header.requireInt('NAXIS', 0, MAX_AXES);
  const axes: number[] = [];
  for (let i = 1; i <= n; i++) axes.push(header.requireInt(`NAXIS${i}`, 0));
  return axes;
}

function product(values: number[]): number {
  return values.reduce((a, b) => a * b, 1);
}

function decodeImage(
  header: Header,
  data: Buffer,
  base: Pick<ImageHdu, 'index' | 'header' | 'name'>,
): ImageHdu {
  const bitpix = header.requireInt('BITPIX', -64, 64);
  const code = BITPIX_CODE[bitpix];
  const axes = naxes(header);
  const shape = [...axes].reverse();
  const count = axes.length === 0 ? 0 : product(axes);
  if (count === 0) return { ...base, kind: 'image', bitpix, shape, data: null };
  const bytes = alignedBuffer(count * ELEMENT_SIZE[code]);
  data.copy(bytes, 0, 0, bytes.length);
  const values = applyScaling(
    nativeArray(bytes, code),
    code,
    scaling(header, 'BSCALE'),
    scaling(header, 'BZERO'),
  );
  return { ...base, kind: 'image', bitpix, shape, data: values };
}

function decodeBinTable(
  header: Header,
  data: Buffer,
  base: Pick<BinTableHdu, 'index' | 'header' | 'name'>,
): BinTableHdu {
  const hdu = header.hdu;
  const bitpix = header.requireInt('BITPIX', -64, 64);
  const naxis = header.requireInt('NAXIS', 0, MAX_AXES);
  if (bitpix !== 8 || naxis !== 2) {
    throw new FitsError(
      'BAD_KEYWORD',
      `a BINTABLE needs BITPIX = 8 and NAXIS = 2, not ${bitpix} and ${naxis}`,
      {
        hdu,
      },
    );
  }
  const rowWidth = header.requireInt('NAXIS1', 0);
  const rows = header.requireInt('NAXIS2', 0);
  const fields = header.requireInt('TFIELDS', 0, 999);
  const forms: Tform[] = [];
  for (let i = 1; i <= fields; i++) {
    const keyword = `TFORM${i}`;
    const text = header.string(keyword);
    if (text === undefined) {
      throw new FitsError('BAD_KEYWORD', `required keyword ${keyword} is missing`, { hdu, keyword });
    }
    forms.push(parseTform(text, hdu, keyword));
  }
  const width = forms.reduce((sum, f) => sum + f.width, 0);
  if (width !== rowWidth) {
    throw new FitsError(
      'ROW_WIDTH_MISMATCH',
      `NAXIS1 = ${rowWidth} but the TFORMs (${forms.map((f) => `${f.repeat}${f.type}`).join(' ')}) add up to ${width} bytes per row`,
      { hdu, keyword: 'NAXIS1', card: header.card('NAXIS1')?.position },
    );
  }
  if (rowWidth === 0 && rows > 0 && forms.length > 0) {
    // Rows of nothing cost no bytes, so the size check cannot bound them: refuse instead of allocating NAXIS2.
    throw new FitsError('BAD_KEYWORD', `NAXIS2 = ${rows} rows of 0 bytes`, { hdu, keyword: 'NAXIS2' });
  }
  const columns: Column[] = [];
  let offset = 0;
  forms.forEach((form, i) => {
    columns.push(decodeColumn(header, i + 1, form, data, rows, rowWidth, offset));
    offset += form.width;
  });
  return { ...base, kind: 'bintable', rows, columns };
}

function decodeColumn(
  header: Header,
  n: number,
  form: Tform,
  data: Buffer,
  rows: number,
  rowWidth: number,
  offset: number,
): Column {
  const unit = header.string(`TUNIT${n}`);
  const column = {
    name: header.string(`TTYPE${n}`) ?? `COL${n}`,
    ...(unit !== undefined && unit !== '' && { unit }),
    tform: header.string(`TFORM${n}`) as string,
    type: form.type,
    repeat: form.repeat,
  };
  const bytes = gather(data, rows, rowWidth, offset, form.width);
  if (form.type === 'A') {
    const strings: string[] = new Array(rows);
    for (let r = 0; r < rows; r++) strings[r] = text(bytes, r * form.width, form.width);
    return { ...column, shape: [rows], data: strings };
  }
  const shape = rowShape(header, n, form, rows);
  if (form.type === 'L') {
    const values: (boolean | null)[] = new Array(bytes.length);
    for (let i = 0; i < bytes.length; i++)
      values[i] = bytes[i] === 0x54 ? true : bytes[i] === 0x46 ? false : null;
    return { ...column, shape, data: values };
  }
  if (form.type === 'X') return { ...column, shape: [rows, form.width], data: new Uint8Array(bytes) };
  const code = (form.type === 'C' ? 'E' : form.type === 'M' ? 'D' : form.type) as NumericCode;
  const values = applyScaling(
    nativeArray(bytes, code),
    code,
    scaling(header, `TSCAL${n}`),
    scaling(header, `TZERO${n}`),
  );
  return { ...column, shape: form.type === 'C' || form.type === 'M' ? [...shape, 2] : shape, data: values };
}

/** One column's bytes out of the interleaved rows, into a fresh aligned buffer. */
function gather(data: Buffer, rows: number, rowWidth: number, offset: number, width: number): Buffer {
  const out = alignedBuffer(rows * width);
  if (width === rowWidth) {
    data.copy(out, 0, 0, out.length);
    return out;
  }
  for (let r = 0, src = offset; r < rows; r++, src += rowWidth) data.copy(out, r * width, src, src + width);
  return out;
}

function rowShape(header: Header, n: number, form: Tform, rows: number): number[] {
  const tdim = header.string(`TDIM${n}`);
  if (tdim !== undefined) {
    const m = /^\(\s*(\d+(?:\s*,\s*\d+)*)\s*\)$/.exec(tdim);
    const dims = m ? m[1].split(',').map((d) => Number(d.trim())) : [];
    if (!m || product(dims) !== form.repeat) {
      throw new FitsError(
        'BAD_KEYWORD',
        `TDIM${n} = ${tdim} does not match the repeat count ${form.repeat}`,
        {
          hdu: header.hdu,
          keyword: `TDIM${n}`,
        },
      );
    }
    return [rows, ...dims.reverse()];
  }
  return form.repeat === 1 ? [rows] : [rows, form.repeat];
}

/** A scaling keyword's value: absent, or a number (an exact bigint for the 2^63 offset). */
function scaling(header: Header, keyword: string): number | bigint | undefined {
  const value = header.get(keyword);
  if (value === undefined || value === null || typeof value === 'number' || typeof value === 'bigint') {
    return value ?? undefined;
  }
  throw new FitsError('BAD_KEYWORD', `${keyword} = ${JSON.stringify(value)} is not a number`, {
    hdu: header.hdu,
    card: header.card(keyword)?.position,
    keyword,
  });
}

function text(bytes: Buffer, start: number, width: number): string {
  let end = start;
  while (end < start + width && bytes[end] !== 0) end++;
  return bytes.toString('latin1', start, end).trimEnd();
}
