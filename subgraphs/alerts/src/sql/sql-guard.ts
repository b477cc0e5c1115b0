import { BadUserInputError, ForbiddenError } from '@opshub/errors';

/**
 * What a query is checked for before it reaches the database. The database does the real work: the
 * query runs in a READ ONLY transaction as opshub_alerts_reader (no write, no DDL, nothing outside
 * the alerts schema), through the extended protocol (one statement), declared as a cursor (so it
 * must be a query). What the database cannot stop is a query switching its role back: SET ROLE and
 * `set_config('role', …)` check the *session* user, which is the app's. So those, and the built-in
 * functions that run SQL text of their own (which could run after such a switch), are refused here by
 * name, and the runner checks `current_user` again after the query (see sql-reader.ts).
 */

/** The first word of a query the reader runs: anything else is refused with why. */
const QUERY_STARTS = new Set(['select', 'with', 'values', 'table']);

const WRITES = new Set(['insert', 'update', 'delete', 'merge', 'copy', 'truncate', 'call', 'do']);
const DDL = new Set([
  'create',
  'alter',
  'drop',
  'grant',
  'revoke',
  'comment',
  'security',
  'reindex',
  'cluster',
  'vacuum',
  'analyze',
  'refresh',
  'lock',
  'import',
  'load',
  'listen',
  'notify',
  'unlisten',
  'checkpoint',
  'prepare',
  'execute',
  'deallocate',
  'declare',
  'fetch',
  'move',
  'close',
  'discard',
]);
const SESSION = new Set([
  'set',
  'reset',
  'begin',
  'start',
  'commit',
  'end',
  'rollback',
  'abort',
  'savepoint',
  'release',
]);

/**
 * Functions refused by name when called (any case, quoted or schema-qualified): the role switch and the
 * built-ins that execute SQL given as text, server file access, large objects and dblink (already
 * denied by privileges; refused here with a clearer message).
 */
const REFUSED_FUNCTIONS: readonly RegExp[] = [
  /^set_config$/,
  /^(query|cursor|table|schema|database)_to_xml(schema|_and_xmlschema)?$/,
  /^ts_stat$/,
  /^ts_rewrite$/,
  /^dblink/,
  /^pg_read_(binary_)?file$/,
  /^pg_ls_/,
  /^pg_stat_file$/,
  /^lo_/,
  /^pg_terminate_backend$/,
  /^pg_cancel_backend$/,
  /^pg_reload_conf$/,
  // Session advisory locks outlive the ROLLBACK: one would stay held on a pooled connection.
  /^pg_(try_)?advisory_/,
  /^pg_logical_emit_message$/,
];

/**
 * The query's words without comments, string literals and dollar-quoted bodies, identifiers unquoted
 * and lowercased. Strings are not SQL unless a function runs them, and those functions are refused.
 */
function words(query: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i] as string;
    const next = query[i + 1];
    if (c === '-' && next === '-') {
      const end = query.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        const step = query.startsWith('/*', i) ? 1 : query.startsWith('*/', i) ? -1 : 0;
        depth += step;
        i += step === 0 ? 1 : 2;
      }
    } else if (c === "'") {
      // An escape string (E'…') takes backslash escapes; a plain one does not (standard_conforming_strings).
      const escapes = /(^|[^A-Za-z0-9_$])[eE]$/.test(query.slice(0, i));
      let j = i + 1;
      while (j < n && !(query[j] === "'" && query[j + 1] !== "'"))
        j += query[j] === "'" || (escapes && query[j] === '\\') ? 2 : 1;
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && !(query[j] === '"' && query[j + 1] !== '"')) j += query[j] === '"' ? 2 : 1;
      out.push(
        query
          .slice(i + 1, j)
          .replaceAll('""', '"')
          .toLowerCase(),
      );
      i = j + 1;
    } else if (c === '$' && /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(query.slice(i))) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(query.slice(i))?.[0] ?? '$$';
      const end = query.indexOf(tag, i + tag.length);
      i = end < 0 ? n : end + tag.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(query.slice(i))?.[0] ?? c;
      out.push(m.toLowerCase());
      i += m.length;
    } else {
      if (c === '&' && /u$/i.test(query.slice(0, i)) && (next === '"' || next === "'")) out.push('u&');
      if (c === '(') out.push('(');
      i += 1;
    }
  }
  return out;
}

/**
 * Refuses, with a coded error saying why, what the reader must not run. Passing this check is not
 * what makes a query safe (the role and the READ ONLY transaction are); it makes refusals clear and
 * closes the role-switch hole the database leaves open.
 */
export function checkQuery(query: string): void {
  if (query.trim() === '') throw new BadUserInputError('The query is empty');
  const ws = words(query);
  const first = ws.find((w) => w !== '(') ?? '';
  if (ws.includes('u&'))
    throw new BadUserInputError('Unicode-escaped identifiers and strings (U&"…") are not accepted');
  const calls = ws.filter((w, i) => w !== '(' && ws[i + 1] === '(');
  for (const name of calls) {
    if (REFUSED_FUNCTIONS.some((re) => re.test(name)))
      throw new ForbiddenError(
        `${name} is refused: read-only SQL may not switch its role, run SQL given as text, or reach files, large objects, locks or other databases`,
        { refused: name },
      );
  }
  if (QUERY_STARTS.has(first)) return;
  if (SESSION.has(first))
    throw new ForbiddenError(
      `${first.toUpperCase()} is refused: read-only SQL runs one query in a transaction it does not control`,
    );
  if (WRITES.has(first))
    throw new ForbiddenError(`${first.toUpperCase()} is refused: read-only SQL cannot write`);
  if (DDL.has(first))
    throw new ForbiddenError(
      `${first.toUpperCase()} is refused: read-only SQL runs queries only, no DDL or commands`,
    );
  throw new BadUserInputError(
    `Only a query (SELECT, WITH, VALUES or TABLE) is accepted; this starts with ${first ? `"${first}"` : 'no keyword'}`,
  );
}
