import { randomBytes } from 'node:crypto';

// A marker no client can forge: it is new in every process and written only by `exactJson`.
const MARK = `\u0000${randomBytes(6).toString('hex')}:`;
const MARKED = new RegExp(`"\\\\u0000${MARK.slice(1)}(-?\\d+)"`, 'g');

/**
 * JSON text with every `bigint` written as an exact integer number (JSON.stringify refuses them, and
 * a Number would lose the digits of a 64-bit id beyond 2^53). Python's json reads them exactly.
 */
export function exactJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? `${MARK}${v.toString()}` : v,
  );
  return text.replace(MARKED, '$1');
}

// Strings first, so digits inside a string are left alone; then integers too long to be exact.
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * Parses JSON keeping integers beyond 2^53 exact, as `bigint` (a broker's or a script's 64-bit ids);
 * every other number is a Number. Throws SyntaxError like JSON.parse.
 */
export function parseExactJson(text: string): unknown {
  let big = false;
  const marked = text.replace(TOKENS, (token) => {
    if (token.startsWith('"') || !/^-?\d{16,}$/.test(token) || Number.isSafeInteger(Number(token)))
      return token;
    big = true;
    return `"\\u0000${MARK.slice(1)}${token}"`;
  });
  if (!big) return JSON.parse(text) as unknown;
  return JSON.parse(marked, (_key, v: unknown) =>
    typeof v === 'string' && v.startsWith(MARK) ? BigInt(v.slice(MARK.length)) : v,
  ) as unknown;
}
