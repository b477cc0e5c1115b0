import { FitsError } from './fits.error.js';

export interface Complex {
  re: number;
  im: number;
}

/** A card's value: integers beyond 2^53 stay exact as bigint; `null` is FITS's undefined value. */
export type CardValue = string | number | bigint | boolean | Complex | null;

export interface Card {
  keyword: string;
  /** Absent for commentary cards (COMMENT, HISTORY, blank keyword, or a keyword without `= `). */
  value?: CardValue;
  comment?: string;
  /** 1-based position of the card (the first one, for a string continued over CONTINUE cards). */
  position: number;
}

/** The cards of one HDU, in order, with typed look-ups that raise `BAD_KEYWORD` where a value is required. */
export class Header {
  private readonly byKeyword = new Map<string, Card>();

  constructor(
    readonly cards: readonly Card[],
    readonly hdu: number,
  ) {
    // FITS forbids repeated value keywords; the first one wins, as in astropy.
    for (const card of cards) {
      if (card.value !== undefined && !this.byKeyword.has(card.keyword))
        this.byKeyword.set(card.keyword, card);
    }
  }

  has(keyword: string): boolean {
    return this.byKeyword.has(keyword);
  }

  card(keyword: string): Card | undefined {
    return this.byKeyword.get(keyword);
  }

  get(keyword: string): CardValue | undefined {
    return this.byKeyword.get(keyword)?.value;
  }

  /** Text of every commentary card with this keyword (`COMMENT`, `HISTORY`). */
  commentary(keyword: string): string[] {
    return this.cards
      .filter((c) => c.keyword === keyword && c.value === undefined)
      .map((c) => c.comment ?? '');
  }

  /** The value as a plain object (bigint and complex kept), for storing or showing. */
  toRecord(): Record<string, CardValue> {
    return Object.fromEntries([...this.byKeyword].map(([k, c]) => [k, c.value as CardValue]));
  }

  string(keyword: string): string | undefined {
    const v = this.get(keyword);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw this.bad(keyword, 'a string');
    return v;
  }

  number(keyword: string): number | undefined {
    const v = this.get(keyword);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    throw this.bad(keyword, 'a number');
  }

  boolean(keyword: string): boolean | undefined {
    const v = this.get(keyword);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw this.bad(keyword, 'a logical');
    return v;
  }

  /** An integer that must be present, safe and within [min, max]. */
  requireInt(keyword: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.get(keyword);
    if (v === undefined) {
      throw new FitsError('BAD_KEYWORD', `required keyword ${keyword} is missing`, {
        hdu: this.hdu,
        keyword,
      });
    }
    if (typeof v === 'bigint') throw this.bad(keyword, `an integer in [${min}, ${max}]`);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw this.bad(keyword, `an integer in [${min}, ${max}]`);
    }
    return v;
  }

  private bad(keyword: string, expected: string): FitsError {
    const card = this.byKeyword.get(keyword);
    return new FitsError('BAD_KEYWORD', `${keyword} = ${show(card?.value)} is not ${expected}`, {
      hdu: this.hdu,
      card: card?.position,
      keyword,
    });
  }
}

function show(v: CardValue | undefined): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'object' && v !== null) return `(${v.re}, ${v.im})`;
  return JSON.stringify(v);
}
