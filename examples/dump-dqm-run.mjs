#!/usr/bin/env node
// Dumps one DQM run (its times, bad pixels and every quantity with its values) to a JSON or CSV file.
//
//   node examples/dump-dqm-run.mjs <camera> <runNumber> <file.json|file.csv>
//   node examples/dump-dqm-run.mjs NectarCAMQM 6001 run-6001.csv
//
// The CSV is long: one row per value (key, gain, field, unit, index, value), ready for pandas or R;
// `index` counts row-major through the quantity's shape. The JSON keeps the run as the hub returns it.
// Set OPSHUB_TOKEN (npm run opshub -- token create --user <user> --name scripts) and OPSHUB_URL when the hub
// is not http://localhost:4000. Plain Node 20: fetch and the file system, no packages.
import { writeFile } from 'node:fs/promises';

const QUERY = `query ($camera: String!, $runNumber: Int!) {
  dqmRun(camera: $camera, runNumber: $runNumber) {
    camera runNumber startedAt endedAt badPixels
    quantities { key label gain field unit dtype shape values strings }
  }
}`;

const [camera, run, file] = process.argv.slice(2);
if (!camera || !/^\d+$/.test(run ?? '') || !/\.(json|csv)$/.test(file ?? '')) {
  console.error('usage: node examples/dump-dqm-run.mjs <camera> <runNumber> <file.json|file.csv>');
  process.exit(2);
}

const hub = new URL(process.env.OPSHUB_URL || 'http://localhost:4000');
if (hub.pathname === '/') hub.pathname = '/graphql';
const response = await fetch(hub, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    ...(process.env.OPSHUB_TOKEN ? { authorization: `Bearer ${process.env.OPSHUB_TOKEN}` } : {}),
  },
  body: JSON.stringify({ query: QUERY, variables: { camera, runNumber: Number(run) } }),
}).catch((e) => {
  console.error(`cannot reach ${hub}: ${e.cause?.message ?? e.message}`);
  process.exit(5);
});
const body = await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }));
if (body.errors?.length) {
  // The hub's errors carry a code (UNAUTHENTICATED, BAD_USER_INPUT…): print it, exit as the CLI does.
  for (const e of body.errors) console.error(`${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
  process.exit(body.errors[0].extensions?.code === 'UNAUTHENTICATED' ? 3 : 4);
}
const dqmRun = body.data.dqmRun;
if (!dqmRun) {
  console.error(`no run ${run} of ${camera}`);
  process.exit(1);
}

/**
 * A CSV cell, as the hub's own exports write one (subgraph-kit csvField): text from the run's FITS file
 * that a spreadsheet would run as a formula (= + - @ tab CR first) gets a leading ', numbers go as they
 * are (a negative one is no formula); quoted when it holds a comma, a semicolon, a quote or a line
 * break; empty for null.
 */
const cell = (v) => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",;\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

if (file.endsWith('.json')) {
  await writeFile(file, `${JSON.stringify(dqmRun, null, 2)}\n`);
} else {
  const lines = ['key,gain,field,unit,index,value'];
  for (const q of dqmRun.quantities) {
    (q.strings ?? q.values).forEach((value, index) =>
      lines.push([q.key, q.gain, q.field, q.unit, index, value].map(cell).join(',')),
    );
  }
  await writeFile(file, `${lines.join('\n')}\n`);
}
const values = dqmRun.quantities.reduce((n, q) => n + (q.strings ?? q.values).length, 0);
console.error(`${camera} run ${run}: ${dqmRun.quantities.length} quantities, ${values} values → ${file}`);
