// A deliberately naive FITS writer for the reader's tests, sharing no code with src/: cards are built as
// strings by hand and every value is written one at a time through a DataView (big-endian flag), so a
// bug common to the package's writer and reader cannot hide here.

const BLOCK = 2880;

export type Cell = number | bigint | string | boolean;

export interface TableColumn {
  name: string;
  /** Written as is: `1855D`, `K`, `20A`, `3L`… */
  tform: string;
  unit?: string;
  /** Extra raw cards for this column, e.g. `TZERO2  =                32768`. */
  extra?: string[];
  /** Per row: one cell, or `repeat` cells. For `A`, one string per row. */
  rows: (Cell | Cell[])[];
}

/** An 80-column card from a keyword and an already-formatted value (right-aligned to column 30). */
export function card(keyword: string, value?: string, comment?: string): string {
  let line = keyword.padEnd(8);
  if (value !== undefined) line += '= ' + (value.startsWith("'") ? value : value.padStart(20));
  if (comment !== undefined) line += ' / ' + comment;
  if (line.length > 80) throw new Error(`card too long: ${line}`);
  return line.padEnd(80);
}

export function str(s: string): string {
  return "'" + s.split("'").join("''").padEnd(8) + "'";
}

/** Header bytes: the given card lines, END, blanks to a whole block. */
export function header(lines: string[]): Uint8Array {
  let text = lines.join('') + 'END'.padEnd(80);
  while (text.length % BLOCK !== 0) text += ' ';
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export function padData(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / BLOCK) * BLOCK);
  out.set(bytes);
  return out;
}

export function concat(parts: Uint8Array[]): Buffer {
  const out = Buffer.alloc(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function emptyPrimary(extra: string[] = []): Uint8Array {
  return header([
    card('SIMPLE', 'T'),
    card('BITPIX', '8'),
    card('NAXIS', '0'),
    card('EXTEND', 'T'),
    ...extra,
  ]);
}

const SIZE: Record<string, number> = { L: 1, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8 };

function put(view: DataView, at: number, type: string, v: Cell): void {
  switch (type) {
    case 'L':
      view.setUint8(at, v ? 0x54 : 0x46);
      return;
    case 'B':
      view.setUint8(at, Number(v));
      return;
    case 'I':
      view.setInt16(at, Number(v), false);
      return;
    case 'J':
      view.setInt32(at, Number(v), false);
      return;
    case 'K':
      view.setBigInt64(at, BigInt(v), false);
      return;
    case 'E':
      view.setFloat32(at, Number(v), false);
      return;
    case 'D':
      view.setFloat64(at, Number(v), false);
      return;
  }
  throw new Error(`independent writer: no type ${type}`);
}

/** A BINTABLE HDU (header + padded data), NAXIS1 computed from the TFORMs unless `naxis1`/`naxis2` lie. */
export function binTable(
  extname: string | undefined,
  columns: TableColumn[],
  options: { naxis1?: number; naxis2?: number; extra?: string[] } = {},
): Uint8Array {
  const forms = columns.map((c) => {
    const m = /^(\d*)([A-Z])$/.exec(c.tform);
    if (!m) throw new Error(`independent writer: TFORM ${c.tform}`);
    const repeat = m[1] === '' ? 1 : Number(m[1]);
    return { repeat, type: m[2], width: repeat * (SIZE[m[2]] ?? 1) };
  });
  const rowWidth = forms.reduce((n, f) => n + f.width, 0);
  const rows = columns[0]?.rows.length ?? 0;
  const data = new Uint8Array(rowWidth * rows);
  const view = new DataView(data.buffer);
  for (let r = 0; r < rows; r++) {
    let at = r * rowWidth;
    columns.forEach((c, i) => {
      const f = forms[i];
      const cell = c.rows[r];
      if (f.type === 'A') {
        const s = String(cell);
        for (let k = 0; k < s.length && k < f.width; k++) data[at + k] = s.charCodeAt(k);
      } else {
        const cells = Array.isArray(cell) ? cell : [cell];
        cells.forEach((v, k) => put(view, at + k * SIZE[f.type], f.type, v));
      }
      at += f.width;
    });
  }
  const lines = [
    card('XTENSION', str('BINTABLE'), 'binary table extension'),
    card('BITPIX', '8'),
    card('NAXIS', '2'),
    card('NAXIS1', String(options.naxis1 ?? rowWidth)),
    card('NAXIS2', String(options.naxis2 ?? rows)),
    card('PCOUNT', '0'),
    card('GCOUNT', '1'),
    card('TFIELDS', String(columns.length)),
  ];
  columns.forEach((c, i) => {
    lines.push(card(`TTYPE${i + 1}`, str(c.name)), card(`TFORM${i + 1}`, str(c.tform)));
    if (c.unit !== undefined) lines.push(card(`TUNIT${i + 1}`, str(c.unit)));
    lines.push(...(c.extra ?? []));
  });
  if (extname !== undefined) lines.push(card('EXTNAME', str(extname)));
  lines.push(...(options.extra ?? []));
  return concat([header(lines), padData(data)]);
}

/** An IMAGE extension (or the primary with `primary: true`); `axes` in FITS order (NAXIS1 first). */
export function image(
  extname: string | undefined,
  bitpix: number,
  axes: number[],
  values: (number | bigint)[],
  options: { primary?: boolean; extra?: string[] } = {},
): Uint8Array {
  const size = Math.abs(bitpix) / 8;
  const data = new Uint8Array(values.length * size);
  const view = new DataView(data.buffer);
  const type = { 8: 'B', 16: 'I', 32: 'J', 64: 'K', [-32]: 'E', [-64]: 'D' }[bitpix] as string;
  values.forEach((v, i) => put(view, i * size, type, v));
  const lines = [
    options.primary ? card('SIMPLE', 'T') : card('XTENSION', str('IMAGE')),
    card('BITPIX', String(bitpix)),
    card('NAXIS', String(axes.length)),
    ...axes.map((n, i) => card(`NAXIS${i + 1}`, String(n))),
    ...(options.primary ? [] : [card('PCOUNT', '0'), card('GCOUNT', '1')]),
    ...(extname !== undefined ? [card('EXTNAME', str(extname))] : []),
    ...(options.extra ?? []),
  ];
  return concat([header(lines), padData(data)]);
}
