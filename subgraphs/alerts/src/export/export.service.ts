import type {
  ExportFilter,
  ExportFormat,
  ExportKind,
  ExportRepository,
  RenderedPage,
} from './export.repository.js';
import { csvLine } from '@opshub/subgraph-kit';

export type { ExportFormat } from './export.repository.js';

/** Rows per keyset page: large enough to keep round trips rare, small enough to hold memory flat. */
const PAGE_ROWS = 10_000;

/**
 * Complete exports of objects, sources and forced sources: every row, streamed one keyset page at a
 * time (memory stays one page, however large the table), no paging limit.
 */
export class ExportService {
  constructor(
    private readonly rows: ExportRepository,
    private readonly pageRows = PAGE_ROWS,
  ) {}

  /**
   * The export as text chunks; the consumer's pace drives the queries (a stopped stream stops them).
   * The next page is asked for as soon as a page arrives, so Postgres renders it while this one is
   * written out: two pages in memory at most.
   */
  async *stream(
    kind: ExportKind,
    format: ExportFormat,
    filter: ExportFilter,
  ): AsyncGenerator<string | Buffer> {
    if (format === 'csv') yield csvLine(this.rows.columns(kind));
    const fetch = (after: string | null) => this.rows.page(kind, format, filter, after, this.pageRows);
    let pending: Promise<RenderedPage> | null = fetch(null);
    while (pending) {
      const page: RenderedPage = await pending;
      pending = page.rows === this.pageRows && page.last !== null ? fetch(page.last) : null;
      // A next page asked for but never read (the consumer stopped) must not reject unhandled.
      pending?.catch(() => undefined);
      if (page.rows > 0) yield page.text;
    }
  }
}
