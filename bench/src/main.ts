// `npm run bench -- <name> [...]`: runs one benchmark, writes bench/results/<name>-<timestamp>.json, prints a summary.
import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BENCHES } from './registry.js';

const name = process.argv[2];
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>`);
  process.exit(2);
}
const startedAt = new Date();
const result = await bench.run(process.argv.slice(3));
const dir = path.resolve(import.meta.dirname, '..', 'results');
await mkdir(dir, { recursive: true });
const file = path.join(dir, `${name}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
await writeFile(
  file,
  `${JSON.stringify({ bench: name, startedAt, machine: machine(), ...result }, null, 2)}\n`,
);
console.log(bench.summary(result));
console.log(`results: ${path.relative(process.cwd(), file)}`);
process.exit(0);

function machine() {
  return {
    node: process.version,
    platform: process.platform,
    cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
  };
}
