import { describe, expect, it } from 'vitest';
import { FitsError } from './fits.error.js';
import { HeaderParser, parseCard } from './header.parser.js';

const line = (text: string) => text.padEnd(80);

function parseBlock(lines: string[], hdu = 1) {
  const text = [...lines, 'END'].map(line).join('').padEnd(2880);
  const parser = new HeaderParser(hdu);
  expect(parser.push(Buffer.from(text, 'latin1'))).toBe(true);
  return parser.header();
}

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FitsError);
    return (error as FitsError).reason;
  }
  throw new Error('did not throw');
}

describe('parseCard', () => {
  it('reads quoted strings: doubled quotes, leading blanks kept, trailing blanks dropped, comment', () => {
    expect(parseCard(line("OBJECT  = 'O''Brien  ' / the name"), 1, 1)).toMatchObject({
      keyword: 'OBJECT',
      value: "O'Brien",
      comment: 'the name',
    });
    expect(parseCard(line("ORIGIN  = '  CTA'"), 1, 1).value).toBe('  CTA');
    expect(parseCard(line("EMPTY   = ''"), 1, 1).value).toBe('');
    expect(parseCard(line("SLASHED = 'a/b' / c/d"), 1, 1)).toMatchObject({ value: 'a/b', comment: 'c/d' });
  });

  it('reads logicals, integers (exact beyond 2^53 as bigint), reals with E or D exponents, complex, undefined', () => {
    expect(parseCard(line('EXTEND  =                    T'), 1, 1).value).toBe(true);
    expect(parseCard(line('SIMPLE  =                    F / no'), 1, 1).value).toBe(false);
    expect(parseCard(line('NAXIS2  =                 1855 / rows'), 1, 1)).toMatchObject({
      value: 1855,
      comment: 'rows',
    });
    expect(parseCard(line('NEG     =                  -42'), 1, 1).value).toBe(-42);
    expect(parseCard(line('TZERO1  =  9223372036854775808'), 1, 1).value).toBe(9223372036854775808n);
    expect(parseCard(line('PIX_ROT =             -19.1066'), 1, 1).value).toBe(-19.1066);
    expect(parseCard(line('BIG     =               1.5D+03'), 1, 1).value).toBe(1500);
    expect(parseCard(line('SMALL   =                 -.5E-2'), 1, 1).value).toBe(-0.005);
    expect(parseCard(line('Z       =          (1.5, -2.0)'), 1, 1).value).toEqual({ re: 1.5, im: -2 });
    expect(parseCard(line('UNDEF   =                      / nothing'), 1, 1)).toMatchObject({
      value: null,
      comment: 'nothing',
    });
  });

  it('keeps commentary cards and cards without a value indicator as text; reads HIERARCH names', () => {
    expect(parseCard(line('COMMENT   written by a test'), 1, 1)).toEqual({
      keyword: 'COMMENT',
      comment: '  written by a test',
      position: 1,
    });
    expect(parseCard(line('HISTORY x = 1'), 1, 1).value).toBeUndefined();
    expect(parseCard(line('NOVALUE   just text'), 1, 1).value).toBeUndefined();
    expect(parseCard(line('HIERARCH ESO DET CHIP = 3 / chip'), 1, 1)).toMatchObject({
      keyword: 'ESO DET CHIP',
      value: 3,
    });
  });

  it('refuses an unterminated string or an unreadable value, saying where', () => {
    expect(reasonOf(() => parseCard(line("OBJECT  = 'no end"), 2, 7))).toBe('BAD_CARD');
    expect(() => parseCard(line('VALUE   =           12abc'), 2, 7)).toThrow(/HDU 2, card 7, VALUE/);
  });
});

describe('HeaderParser', () => {
  it('joins long strings over CONTINUE cards (& convention) and their comments', () => {
    const header = parseBlock([
      "LONGSTRN= 'OGIP 1.0'",
      "PATH    = 'first part, &' / c1",
      "CONTINUE  'second ''quoted'' part &'",
      "CONTINUE  'last' / c2",
      "AFTER   = 'x'",
    ]);
    expect(header.get('PATH')).toBe("first part, second 'quoted' part last");
    expect(header.card('PATH')).toMatchObject({ comment: 'c1 c2', position: 2 });
    expect(header.get('AFTER')).toBe('x');
    expect(header.has('CONTINUE')).toBe(false);
  });

  it('keeps a trailing & when no CONTINUE follows', () => {
    expect(parseBlock(["NAME    = 'R&'", "NEXT    = 'D'"]).get('NAME')).toBe('R&');
  });

  it('needs SIMPLE = T first in the primary header', () => {
    const parser = new HeaderParser(0);
    const block = Buffer.from(
      [line('SIMPLE  =                    F'), line('END')].join('').padEnd(2880),
      'latin1',
    );
    expect(reasonOf(() => parser.push(block))).toBe('NOT_FITS');
  });

  it('calls binary bytes where a card should be a missing END, with the card number', () => {
    const block = Buffer.alloc(2880, 0x20);
    block.write(line("XTENSION= 'IMAGE   '"), 0, 'latin1');
    block[80 * 3 + 5] = 0x00;
    const parser = new HeaderParser(2);
    expect(() => parser.push(block)).toThrow(/MISSING_END.*HDU 2, card 4/);
  });

  it('typed look-ups raise BAD_KEYWORD for a missing or mistyped required value', () => {
    const header = parseBlock(["NAXIS   = 'two'", 'NAXIS1  =                   -3']);
    expect(reasonOf(() => header.requireInt('NAXIS', 0, 999))).toBe('BAD_KEYWORD');
    expect(() => header.requireInt('NAXIS1', 0)).toThrow(/NAXIS1 = -3 is not an integer/);
    expect(() => header.requireInt('NAXIS2', 0)).toThrow(/NAXIS2 is missing/);
  });
});
