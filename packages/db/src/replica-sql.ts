/**
 * Which statements the read replica may serve (DATABASE_REPLICA_URL, see replica.ts). Conservative: a
 * statement goes to the replica only when it plainly reads (SELECT, WITH, VALUES, TABLE, SHOW) and names
 * nothing that writes, locks or needs the primary. A read wrongly kept on the primary costs the primary
 * a little load; a write wrongly sent to the replica fails there with READ_ONLY_REPLICA (user functions
 * with side effects cannot be seen in the text: call them inside a transaction, which goes to the primary).
 */
const READS = /^(SELECT|WITH|VALUES|TABLE|SHOW)\b/i;

/** Data-modifying keywords (a CTE that writes, SELECT INTO), row locks, and functions that write or need the primary. */
const NEEDS_PRIMARY = new RegExp(
  [
    String.raw`\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|INTO|COPY|CALL|DO|LOCK)\b`,
    String.raw`\bFOR\s+(NO\s+KEY\s+UPDATE|KEY\s+SHARE|SHARE|UPDATE)\b`,
    String.raw`\b(nextval|setval|pg_advisory\w*|pg_try_advisory\w*|pg_notify|set_config|txid_current\w*|pg_current_xact_id\w*|pg_current_wal\w*|pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_switch_wal|lo_\w+|dblink\w*)\s*\(`,
  ].join('|'),
  'i',
);

/** Comments, then string literals and quoted identifiers, which may hold any word without meaning it. */
const COMMENTS = /--[^\n]*|\/\*[\s\S]*?\*\//g;
const QUOTED = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\w*)\$[\s\S]*?\$\1\$/g;

/** True when `sql` only reads and may be served by the replica. */
export function isReadOnlyStatement(sql: string): boolean {
  const text = sql
    .replace(COMMENTS, ' ')
    .replace(QUOTED, "''")
    .trim()
    .replace(/^\(+\s*/, '');
  if (!READS.test(text)) return false;
  // One statement only: `SELECT 1; DELETE …` through executeScript or a raw string is not a read.
  if (/;\s*\S/.test(text)) return false;
  return !NEEDS_PRIMARY.test(text);
}
