/** The first characters that make a spreadsheet read a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV text field (RFC 4180): quoted when it holds a comma, quote or line break, or a semicolon (the
 * separator a spreadsheet uses in locales with a decimal comma: `a;=cmd()` bare would open as two cells,
 * the second a formula). A field that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR
 * first) gets a leading `'`, so text from users or brokers cannot turn an export into an attack on
 * whoever opens it. For text only: numbers are written as they are (a negative number is not a formula).
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = defuseFormula(value);
  return /[",;\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Text a spreadsheet would run as a formula, with a leading `'`; other text as it is. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV record of text fields, ending with CRLF. */
export function csvLine(fields: readonly (string | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * The same defusing in SQL, for CSV that Postgres writes itself (COPY … WITH (FORMAT csv) quotes, but
 * knows nothing of spreadsheets): `expression` is a text column or expression, returned with a `'`
 * before a formula's first character. Quoting stays COPY's.
 */
export function sqlDefusedText(expression: string): string {
  return `CASE WHEN ${expression} ~ '^[=+\\-@\\t\\r]' THEN '''' || ${expression} ELSE ${expression} END`;
}
