import { randomUUID } from 'node:crypto';
import { INTERNAL_HEADER, signInternal } from '@opshub/auth';
import { TEST_SECRET } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool } from '@opshub/db';
import { ExportRepository } from '../src/export/export.repository.js';
import { csvField } from '@opshub/subgraph-kit';
import { ExportService } from '../src/export/export.service.js';
import { OBJECT_IDS, startTomServer, VIEWER, type TomServer } from './tom-harness.js';

let tom: TomServer;

beforeAll(async () => {
  tom = await startTomServer('tom_export');
  // A text value that needs CSV quoting: a comma, quotes and a line break.
  await tom.h.db.$executeRawUnsafe(
    `UPDATE alerts.dia_object SET sim_version = E'v1, "quoted"\\nsecond line' WHERE dia_object_id = ${OBJECT_IDS[1]}`,
  );
}, 120_000);
afterAll(() => tom?.close());

async function exportOf(kind: string, query = '', signed = true): Promise<Response> {
  return fetch(`${tom.origin}/stream/export/${kind}${query}`, {
    headers: signed
      ? { [INTERNAL_HEADER]: signInternal(TEST_SECRET, 'alerts', { requestId: randomUUID(), user: VIEWER }) }
      : {},
  });
}

/** RFC 4180 CSV back into rows (quoted fields with commas, doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('complete exports', () => {
  it('exports every forced source as CSV: the rows of the table, ids exact, in id order', async () => {
    const r = await exportOf('forced-sources', '?format=csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(await r.text());
    const [header, ...data] = rows;
    expect(header).toEqual([
      'diaForcedSourceId',
      'diaObjectId',
      'midPointTai',
      'filterName',
      'psFlux',
      'psFluxErr',
    ]);
    const table = await tom.h.db.$queryRawUnsafe<{ id: bigint; flux: number }[]>(
      'SELECT dia_forced_source_id AS id, ps_flux AS flux FROM alerts.dia_forced_source ORDER BY 1',
    );
    expect(data).toHaveLength(table.length);
    expect(data.map((d) => BigInt(d[0]!))).toEqual(table.map((t) => t.id));
    expect(data.map((d) => Number(d[4]))).toEqual(table.map((t) => t.flux));
  });

  it('walks many keyset pages to the same rows, one page in memory at a time', async () => {
    const pool = createSqlPool(tom.h.databaseUrl, 1);
    try {
      let text = '';
      let chunks = 0;
      for await (const chunk of new ExportService(new ExportRepository(pool), 50).stream(
        'forced-sources',
        'csv',
        {},
      )) {
        text += chunk;
        chunks++;
      }
      const data = parseCsv(text).slice(1);
      expect(data).toHaveLength(414);
      expect(chunks).toBe(1 + Math.ceil(414 / 50));
      expect(new Set(data.map((d) => d[0])).size).toBe(414);
    } finally {
      await pool.end();
    }
  });

  it('quotes what CSV must quote and writes NDJSON with exact 64-bit ids', async () => {
    const rows = parseCsv(await (await exportOf('objects', '?format=csv')).text());
    const simVersion = rows[0]!.indexOf('simVersion');
    expect(rows.slice(1).map((r) => r[simVersion])).toEqual([
      'ELAsTiCC2-test',
      'v1, "quoted"\nsecond line',
      'ELAsTiCC2-test',
    ]);
    const ndjson = await (await exportOf('objects', '?format=ndjson')).text();
    const lines = ndjson.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => BigInt(/"diaObjectId":(\d+)/.exec(l)![1]!))).toEqual(OBJECT_IDS);
    expect(JSON.parse(lines[1]!)).toMatchObject({ simVersion: 'v1, "quoted"\nsecond line', ra: 359.9999 });
  });

  it('defuses broker text a spreadsheet would run as a formula in CSV, and leaves NDJSON and numbers as they are', async () => {
    const formula = '=HYPERLINK("http://x")';
    await tom.h.db.$executeRawUnsafe(
      `UPDATE alerts.dia_object SET sim_version = '${formula.replaceAll("'", "''")}' WHERE dia_object_id = ${OBJECT_IDS[2]}`,
    );
    try {
      const rows = parseCsv(await (await exportOf('objects', '?format=csv')).text());
      const simVersion = rows[0]!.indexOf('simVersion');
      expect(rows[3]![simVersion]).toBe(`'${formula}`);
      const ndjson = (await (await exportOf('objects', '?format=ndjson')).text()).trimEnd().split('\n');
      expect(JSON.parse(ndjson[2]!)).toMatchObject({ simVersion: formula });
      // A negative flux is a number, not a formula: written bare.
      await tom.h.db.$executeRawUnsafe(
        `UPDATE alerts.dia_forced_source SET ps_flux = -12.5
          WHERE dia_forced_source_id = (SELECT min(dia_forced_source_id) FROM alerts.dia_forced_source)`,
      );
      const forced = parseCsv(await (await exportOf('forced-sources', '?format=csv')).text());
      expect(forced[1]![forced[0]!.indexOf('psFlux')]).toBe('-12.5');
    } finally {
      await tom.h.db.$executeRawUnsafe(
        `UPDATE alerts.dia_object SET sim_version = 'ELAsTiCC2-test' WHERE dia_object_id = ${OBJECT_IDS[2]}`,
      );
    }
  });

  it('filters by object and by MJD', async () => {
    const one = (await (await exportOf('sources', `?format=ndjson&objectId=${OBJECT_IDS[2]}`)).text())
      .trimEnd()
      .split('\n');
    expect(one).toHaveLength(40);
    const late = (await (await exportOf('sources', '?format=ndjson&since=60830.1')).text())
      .trimEnd()
      .split('\n');
    expect(late).toHaveLength(3 * 10);
  });

  it('refuses an unsigned call, an unknown export and a bad format with JSON', async () => {
    expect((await exportOf('objects', '', false)).status).toBe(401);
    const unknown = await exportOf('planets');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: 'error', code: 'NOT_FOUND' });
    expect((await exportOf('objects', '?format=xml')).status).toBe(400);
  });

  it('quotes CSV fields as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
  });
});
