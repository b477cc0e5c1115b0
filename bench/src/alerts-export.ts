// Alerts bench, part 4: a complete CSV export of the objects through the gateway (`GET /export/objects`,
// keyset pages streamed by the alerts subgraph) against `COPY … TO STDOUT` of the same table.
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

export interface ExportFigures {
  rows: number;
  export: { seconds: number; bytes: number; rowsPerSecond: number };
  copy: { seconds: number; bytes: number; rowsPerSecond: number };
  /** COPY's time over the export's (goal ≥ 0.5). */
  ratio: number;
}

/** Reads a body to its end, counting bytes and line ends. */
async function drain(chunks: AsyncIterable<Uint8Array>): Promise<{ bytes: number; lines: number }> {
  let bytes = 0;
  let lines = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { bytes, lines };
}

export async function exportVsCopy(
  gatewayUrl: string,
  token: string,
  databaseUrl: string,
): Promise<ExportFigures> {
  const url = new URL('/export/objects?format=csv', gatewayUrl);
  const t0 = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200 || !response.body) throw new Error(`export: HTTP ${response.status}`);
  // Node's web stream is async iterable; the DOM typings some workspaces load do not say so.
  const exported = await drain(response.body as unknown as AsyncIterable<Uint8Array>);
  const exportSeconds = (performance.now() - t0) / 1000;

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let copied: { bytes: number; lines: number };
  let copySeconds: number;
  try {
    const t1 = performance.now();
    copied = await drain(
      client.query(
        copyTo(
          'COPY (SELECT * FROM alerts.dia_object ORDER BY dia_object_id) TO STDOUT WITH (FORMAT csv, HEADER)',
        ),
      ),
    );
    copySeconds = (performance.now() - t1) / 1000;
  } finally {
    await client.end();
  }
  if (exported.lines !== copied.lines)
    throw new Error(`the export has ${exported.lines} lines, COPY ${copied.lines}: not the same rows`);
  const rows = exported.lines - 1;
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    rows,
    export: {
      seconds: r3(exportSeconds),
      bytes: exported.bytes,
      rowsPerSecond: Math.round(rows / exportSeconds),
    },
    copy: { seconds: r3(copySeconds), bytes: copied.bytes, rowsPerSecond: Math.round(rows / copySeconds) },
    ratio: r3(copySeconds / exportSeconds),
  };
}
