/** The export's columns, in order (its first line). */
export const AUDIT_CSV_HEADER = ['id', 'at', 'actor', 'actorId', 'kind', 'target', 'detail', 'requestId'];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, or a semicolon (the
 * separator a spreadsheet uses in locales with a decimal comma: `a;=cmd()` bare would open as two cells,
 * the second a formula). A field that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR
 * first) gets a leading `'`, so an audited username or target cannot turn the export into an attack on
 * whoever opens it.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record ending with CRLF. */
export function csvLine(fields: readonly (string | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
