import { FitsError } from './fits.error.js';
import { Header, type Card, type CardValue } from './header.js';

export const BLOCK = 2880;
const CARD = 80;
const CARDS_PER_BLOCK = BLOCK / CARD;

const INT = /^[+-]?\d+$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[EeDd][+-]?\d+)?$/;
const COMPLEX = /^\(\s*([^,\s]+)\s*,\s*([^)\s]+)\s*\)$/;
const COMMENTARY = new Set(['COMMENT', 'HISTORY', '']);
/** Far beyond any real header (NectarCAM's have ~30 cards); bounds what a file of junk text can cost. */
const MAX_CARDS = 100_000;

interface RawCard extends Card {
  /** A string value ending in `&`: the long-string convention continues it over CONTINUE cards. */
  continued?: boolean;
}

/**
 * Reads one HDU's header a 2880-byte block at a time (the same code for a Buffer and for a stream):
 * `push` each block until it returns true (END seen), then `header()`.
 */
export class HeaderParser {
  private readonly raw: RawCard[] = [];
  private ended = false;
  private blocks = 0;

  constructor(readonly hdu: number) {}

  get done(): boolean {
    return this.ended;
  }

  /** Bytes of header consumed so far (whole blocks). */
  get byteLength(): number {
    return this.blocks * BLOCK;
  }

  push(block: Uint8Array): boolean {
    if (this.ended) return true;
    this.blocks++;
    for (let i = 0; i < CARDS_PER_BLOCK; i++) {
      const position = (this.blocks - 1) * CARDS_PER_BLOCK + i + 1;
      const offset = i * CARD;
      checkPrintable(block, offset, this.hdu, position);
      const text = latin1(block, offset);
      if (this.hdu === 0 && position === 1 && !/^SIMPLE {2}=\s+T(?:\s|\/|$)/.test(text)) {
        throw new FitsError('NOT_FITS', 'the file does not start with SIMPLE = T', { hdu: 0, card: 1 });
      }
      if (text.startsWith('END') && text.slice(3).trim() === '') {
        this.ended = true;
        return true;
      }
      if (position > MAX_CARDS) {
        throw new FitsError('MISSING_END', `no END within ${MAX_CARDS} cards`, {
          hdu: this.hdu,
          card: position,
        });
      }
      // Blank cards carry nothing; not keeping them bounds memory for a header of blanks.
      if (text.trim() !== '') this.raw.push(parseCard(text, this.hdu, position));
    }
    return false;
  }

  header(): Header {
    return new Header(mergeContinue(this.raw), this.hdu);
  }
}

/** One 80-character card, without the CONTINUE merge (that needs the following cards). */
export function parseCard(text: string, hdu: number, position: number): RawCard {
  const keyword = text.slice(0, 8).trimEnd();
  if (keyword === 'CONTINUE') {
    return { keyword, position, ...parseValue(text.slice(10), hdu, position, keyword) };
  }
  if (keyword === 'HIERARCH') {
    // ESO convention: `HIERARCH ESO DET CHIP = value`; the long name is the keyword.
    const eq = text.indexOf('=', 9);
    if (eq < 0) return { keyword, comment: text.slice(8).trim(), position };
    const name = text.slice(9, eq).trim();
    return { keyword: name, position, ...parseValue(text.slice(eq + 1), hdu, position, name) };
  }
  if (COMMENTARY.has(keyword) || text.slice(8, 10) !== '= ') {
    return { keyword, comment: text.slice(8).trimEnd(), position };
  }
  return { keyword, position, ...parseValue(text.slice(10), hdu, position, keyword) };
}

function parseValue(
  field: string,
  hdu: number,
  card: number,
  keyword: string,
): { value: CardValue; comment?: string; continued?: boolean } {
  const start = field.search(/\S/);
  if (start < 0) return { value: null };
  if (field[start] === "'") {
    let value = '';
    let i = start + 1;
    for (;;) {
      const q = field.indexOf("'", i);
      if (q < 0) throw new FitsError('BAD_CARD', 'unterminated string value', { hdu, card, keyword });
      value += field.slice(i, q);
      if (field[q + 1] === "'") {
        value += "'";
        i = q + 2;
        continue;
      }
      i = q + 1;
      break;
    }
    // Trailing blanks of a FITS string are not significant; leading ones are.
    value = value.trimEnd();
    const comment = commentOf(field.slice(i));
    const continued = value.endsWith('&');
    return { value, ...(comment !== undefined && { comment }), ...(continued && { continued }) };
  }
  const slash = field.indexOf('/', start);
  const text = (slash < 0 ? field.slice(start) : field.slice(start, slash)).trim();
  const comment = slash < 0 ? undefined : field.slice(slash + 1).trim();
  const value = parseScalar(text);
  if (value === undefined) {
    throw new FitsError('BAD_CARD', `unparseable value ${JSON.stringify(text)}`, { hdu, card, keyword });
  }
  return { value, ...(comment !== undefined && { comment }) };
}

function parseScalar(text: string): CardValue | undefined {
  if (text === '') return null;
  if (text === 'T') return true;
  if (text === 'F') return false;
  if (INT.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
  if (REAL.test(text)) return Number(text.replace(/[dD]/, 'e'));
  const c = COMPLEX.exec(text);
  if (c) {
    const re = parseScalar(c[1]);
    const im = parseScalar(c[2]);
    if (
      (typeof re === 'number' || typeof re === 'bigint') &&
      (typeof im === 'number' || typeof im === 'bigint')
    ) {
      return { re: Number(re), im: Number(im) };
    }
  }
  return undefined;
}

function commentOf(rest: string): string | undefined {
  const t = rest.trim();
  if (t === '') return undefined;
  return t.startsWith('/') ? t.slice(1).trim() : t;
}

/** The long-string convention: `'abc&'` followed by `CONTINUE  'def'` is the value `abcdef`. */
function mergeContinue(raw: RawCard[]): Card[] {
  const cards: Card[] = [];
  for (let i = 0; i < raw.length; i++) {
    const card = raw[i];
    if (!card.continued || typeof card.value !== 'string') {
      cards.push(strip(card));
      continue;
    }
    let value = card.value;
    const comments = card.comment ? [card.comment] : [];
    while (
      value.endsWith('&') &&
      raw[i + 1]?.keyword === 'CONTINUE' &&
      typeof raw[i + 1].value === 'string'
    ) {
      i++;
      value = value.slice(0, -1) + (raw[i].value as string);
      if (raw[i].comment) comments.push(raw[i].comment as string);
    }
    cards.push({
      keyword: card.keyword,
      value,
      position: card.position,
      ...(comments.length > 0 && { comment: comments.join(' ') }),
    });
  }
  return cards;
}

function strip(card: RawCard): Card {
  const { continued: _continued, ...rest } = card;
  return rest;
}

function checkPrintable(block: Uint8Array, offset: number, hdu: number, card: number): void {
  for (let i = offset; i < offset + CARD; i++) {
    const b = block[i];
    if (b < 0x20 || b > 0x7e) {
      // Binary bytes where a card should be: the header ran into data, so END was missing.
      throw new FitsError(
        hdu === 0 && card === 1 ? 'NOT_FITS' : 'MISSING_END',
        `byte 0x${b.toString(16).padStart(2, '0')} at column ${i - offset + 1} is not a header card character (no END before it)`,
        { hdu, card },
      );
    }
  }
}

function latin1(block: Uint8Array, offset: number): string {
  let s = '';
  for (let i = offset; i < offset + CARD; i++) s += String.fromCharCode(block[i]);
  return s;
}
