import type { ExportFilter, ExportKind, ExportRepository, RawPage } from './export.repository.js';

export type ExportFormat = 'csv' | 'ndjson';

/** Rows per keyset page: large enough to keep round trips rare, small enough to hold memory flat. */
const PAGE_ROWS = 10_000;

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote, or a line break; quotes doubled. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replaceAll('"', '""')}"` : value;
}

const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

function ndjsonValue(value: string | null, type: RawPage['columns'][number]['type']): string {
  if (value === null) return 'null';
  if (type === 'number') return NON_FINITE.has(value) ? 'null' : value;
  if (type === 'bool') return value === 't' ? 'true' : 'false';
  return JSON.stringify(value);
}

/** One page as text: CSV lines (booleans as true/false) or one JSON object a line, ids exact. */
function render(page: RawPage, format: ExportFormat): string {
  const { columns, rows } = page;
  let out = '';
  if (format === 'csv') {
    for (const row of rows)
      out +=
        row
          .map((v, i) =>
            columns[i]!.type === 'bool' && v !== null ? (v === 't' ? 'true' : 'false') : csvField(v),
          )
          .join(',') + '\r\n';
    return out;
  }
  const keys = columns.map((c) => `${JSON.stringify(c.name)}:`);
  for (const row of rows)
    out += `{${row.map((v, i) => keys[i]! + ndjsonValue(v, columns[i]!.type)).join(',')}}\n`;
  return out;
}

/**
 * Complete exports of objects, sources and forced sources: every row, streamed one keyset page at a
 * time (memory stays one page, however large the table), no paging limit.
 */
export class ExportService {
  constructor(
    private readonly rows: ExportRepository,
    private readonly pageRows = PAGE_ROWS,
  ) {}

  /** The export as text chunks; the consumer's pace drives the queries (a stopped stream stops them). */
  async *stream(kind: ExportKind, format: ExportFormat, filter: ExportFilter): AsyncGenerator<string> {
    let after: string | null = null;
    let header = format === 'csv';
    for (;;) {
      const page = await this.rows.page(kind, filter, after, this.pageRows);
      if (header) {
        yield page.columns.map((c) => csvField(c.name)).join(',') + '\r\n';
        header = false;
      }
      if (page.rows.length === 0) return;
      yield render(page, format);
      if (page.rows.length < this.pageRows) return;
      after = page.rows.at(-1)![0]!;
    }
  }
}
