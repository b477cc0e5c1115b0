import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlCursor } from './sql-reader.repository.js';
import { cellValue, isNumberType } from './sql-values.js';
import { defuseFormula } from '@opshub/subgraph-kit';

/** JSON text of a row value; bigints as exact JSON numbers. */
export function jsonText(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, semicolon, quote, line break or outer space, or is
 * empty text (so it differs from NULL). Text that a spreadsheet would run as a formula (a value from the
 * alerts tables a broker or survey wrote, a column name the user chose) gets a leading `'`; a column of a
 * number type is written as Postgres gives it (`-12.5` is a number, not a formula).
 */
function csvField(value: unknown, oid: number | null): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? jsonText(value) : String(value);
  const safe = typeof value === 'string' && (oid === null || !isNumberType(oid)) ? defuseFormula(text) : text;
  return safe === '' || /[",;\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

async function write(stream: WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function finish(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

/** Where a run's files are, by id and format. */
export class SqlRunFiles {
  constructor(readonly dir: string) {}

  path(runId: string, format: 'csv' | 'json'): string {
    return join(this.dir, `${runId}.${format}`);
  }

  /**
   * Streams the cursor into `<id>.csv` (a header, then a line per row) and `<id>.json` (an array of
   * `{column: value}` objects), `batch` rows at a time with backpressure; the files appear under
   * their names only when complete. `deadline` (epoch ms) bounds the whole run. Returns the row count.
   */
  async write(runId: string, cursor: SqlCursor, batch: number, deadline: number): Promise<number> {
    await mkdir(this.dir, { recursive: true });
    const csvPart = `${this.path(runId, 'csv')}.part`;
    const jsonPart = `${this.path(runId, 'json')}.part`;
    const csv = createWriteStream(csvPart);
    const json = createWriteStream(jsonPart);
    let count = 0;
    try {
      for (;;) {
        if (Date.now() > deadline) throw new RunDeadlineError();
        const { columns, rows } = await cursor.fetch(batch);
        if (count === 0) {
          await write(csv, `${columns.map((c) => csvField(c.name, null)).join(',')}\r\n`);
          await write(json, '[');
        }
        for (const row of rows) {
          const values = row.map((text, i) => cellValue(text, columns[i]?.oid ?? 0, 'bigint'));
          await write(csv, `${values.map((v, i) => csvField(v, columns[i]?.oid ?? null)).join(',')}\r\n`);
          const object = Object.fromEntries(columns.map((c, i) => [c.name, values[i]]));
          await write(json, `${count === 0 ? '\n' : ',\n'}${jsonText(object)}`);
          count += 1;
        }
        if (rows.length < batch) break;
      }
      await write(json, count === 0 ? ']\n' : '\n]\n');
      await Promise.all([finish(csv), finish(json)]);
      await rename(csvPart, this.path(runId, 'csv'));
      await rename(jsonPart, this.path(runId, 'json'));
      return count;
    } catch (error) {
      csv.destroy();
      json.destroy();
      await Promise.all([rm(csvPart, { force: true }), rm(jsonPart, { force: true })]);
      throw error;
    }
  }

  async remove(runId: string): Promise<void> {
    await Promise.all([
      rm(this.path(runId, 'csv'), { force: true }),
      rm(this.path(runId, 'json'), { force: true }),
    ]);
  }
}

/** A run went past ALERTS_SQL_RUN_TIMEOUT_MS between fetches. */
export class RunDeadlineError extends Error {
  constructor() {
    super('The run went past its timeout');
    this.name = 'RunDeadlineError';
  }
}
