import { BadUserInputError } from '@opshub/errors';
import type { SqlStatement } from './sql-reader.repository.js';

/**
 * The TOM's psycopg2 placeholders as bind parameters: `%(name)s` → `$n` (one per name, reused), a
 * list value → `($n, $m, …)` as psycopg2 renders a tuple (`… IN %(ids)s`), `%%` → `%` (also in quoted
 * text, as psycopg2 does). Placeholders in quoted text and comments are left alone (a bind parameter
 * cannot stand there). A name missing from `subdict` is refused by name.
 */
export function psycopgStatement(query: string, subdict: Record<string, unknown>): SqlStatement {
  const params: unknown[] = [];
  const numbers = new Map<string, string>();
  let out = '';
  let i = 0;
  const n = query.length;
  // psycopg2 formats the whole text, quoted parts included: `LIKE 'SN%%'` means `LIKE 'SN%'`.
  const copyUntil = (end: number): void => {
    out += query.slice(i, end).replaceAll('%%', '%');
    i = end;
  };
  while (i < n) {
    const c = query[i];
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && !(query[j] === c && query[j + 1] !== c)) j += query[j] === c ? 2 : 1;
      copyUntil(Math.min(n, j + 1));
    } else if (c === '-' && query[i + 1] === '-') {
      const end = query.indexOf('\n', i);
      copyUntil(end < 0 ? n : end + 1);
    } else if (c === '%' && query[i + 1] === '%') {
      out += '%';
      i += 2;
    } else if (c === '%' && query[i + 1] === '(') {
      const m = /^%\(([^)]+)\)s/.exec(query.slice(i));
      if (!m) throw new BadUserInputError(`A placeholder at ${i + 1} is not of the form %(name)s`);
      const name = m[1] as string;
      if (!(name in subdict))
        throw new BadUserInputError(`No value for the placeholder %(${name})s in subdict`);
      let placeholder = numbers.get(name);
      if (placeholder === undefined) {
        const value = subdict[name];
        if (Array.isArray(value)) {
          if (value.length === 0)
            throw new BadUserInputError(
              `%(${name})s is an empty list: an IN () matches nothing, say what you mean`,
            );
          placeholder = `(${value.map((v) => `$${params.push(v)}`).join(', ')})`;
        } else if (value !== null && typeof value === 'object') {
          throw new BadUserInputError(`%(${name})s is an object: a value or a list is expected`);
        } else placeholder = `$${params.push(value)}`;
        numbers.set(name, placeholder);
      }
      out += placeholder;
      i += m[0].length;
    } else {
      out += c;
      i += 1;
    }
  }
  return { query: out, params };
}
