import { FitsError } from './fits.error.js';
import type { CardValue } from './header.js';
import { BLOCK } from './header.parser.js';

export interface WriteCard {
  keyword: string;
  /** Omitted for commentary cards (COMMENT, HISTORY). Long strings are written over CONTINUE cards. */
  value?: CardValue;
  comment?: string;
}

const CARD = 80;
/** Characters of a string that fit one card between the quotes, keeping room for the `&`. */
const STRING_ROOM = CARD - 10 - 3;

/** A whole header: the cards, END, blank-padded to a 2880-byte multiple. */
export function headerBytes(cards: WriteCard[]): Buffer {
  const text = cards.flatMap(formatCard).join('') + 'END'.padEnd(CARD);
  return Buffer.from(text.padEnd(Math.ceil(text.length / BLOCK) * BLOCK), 'latin1');
}

/** One card as one or more 80-character lines. */
export function formatCard(card: WriteCard): string[] {
  const keyword = card.keyword;
  if (!/^[A-Z0-9_-]{0,8}$/.test(keyword)) {
    throw new FitsError('INVALID_WRITE', `keyword ${JSON.stringify(keyword)} is not 1–8 of A–Z 0–9 _ -`);
  }
  if (card.value === undefined) {
    const text = card.comment ?? '';
    if (!printable(text))
      throw new FitsError('INVALID_WRITE', `comment of ${keyword} is not printable ASCII`);
    const lines: string[] = [];
    for (let i = 0; i === 0 || i < text.length; i += CARD - 8) {
      lines.push((keyword.padEnd(8) + text.slice(i, i + CARD - 8)).padEnd(CARD));
    }
    return lines;
  }
  const head = `${keyword.padEnd(8)}= `;
  if (typeof card.value === 'string') return stringCard(head, card.value, card.comment, keyword);
  return [withComment(head + scalar(card.value, keyword).padStart(20), card.comment)];
}

function stringCard(head: string, value: string, comment: string | undefined, keyword: string): string[] {
  if (!printable(value)) throw new FitsError('INVALID_WRITE', `value of ${keyword} is not printable ASCII`);
  const quoted = quote(value);
  if (head.length + quoted.length <= CARD) return [withComment(head + quoted, comment)];
  // The long-string convention: every piece but the last ends in `&`, the rest follows on CONTINUE cards.
  const pieces: string[] = [];
  let piece = '';
  let room = 0;
  for (const ch of value) {
    const cost = ch === "'" ? 2 : 1;
    if (room + cost > STRING_ROOM) {
      pieces.push(piece);
      piece = '';
      room = 0;
    }
    piece += ch;
    room += cost;
  }
  pieces.push(piece);
  return pieces.map((p, i) => {
    const last = i === pieces.length - 1;
    const body = `'${p.replace(/'/g, "''")}${last ? '' : '&'}'`;
    const line = (i === 0 ? head : 'CONTINUE  ') + body;
    return last ? withComment(line, comment) : line.padEnd(CARD);
  });
}

function quote(value: string): string {
  // Fixed-format strings are at least 8 characters between the quotes.
  return `'${value.replace(/'/g, "''").padEnd(8)}'`;
}

function scalar(value: Exclude<CardValue, string>, keyword: string): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return real(value, keyword);
  return `(${real(value.re, keyword)}, ${real(value.im, keyword)})`;
}

function real(n: number, keyword: string): string {
  if (!Number.isFinite(n))
    throw new FitsError('INVALID_WRITE', `${keyword} = ${n} has no FITS representation`);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return n.toString();
  const s = n.toString().toUpperCase();
  return /[.E]/.test(s) ? s : `${s}.0`;
}

function withComment(line: string, comment: string | undefined): string {
  if (comment === undefined || comment === '') return line.padEnd(CARD);
  if (!printable(comment)) throw new FitsError('INVALID_WRITE', 'a card comment is not printable ASCII');
  return `${line} / ${comment}`.slice(0, CARD).padEnd(CARD);
}

function printable(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}
