// Writes subgraphs/<name>/schema.graphql from each subgraph's type-graphql classes.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SUBGRAPHS = ['ops', 'alerts', 'workflow', 'dcs', 'dqm'];
const root = path.resolve(import.meta.dirname, '..');

for (const name of SUBGRAPHS) {
  const dir = path.join(root, 'subgraphs', name);
  if (!existsSync(path.join(dir, 'src', 'sdl.ts'))) continue;
  const mod = (await import(`@opshub/${name}`)) as { printSdl?: () => Promise<string> };
  if (!mod.printSdl) throw new Error(`@opshub/${name} does not export printSdl`);
  const sdl = await mod.printSdl();
  const file = path.join(dir, 'schema.graphql');
  const before = existsSync(file) ? await readFile(file, 'utf8') : '';
  if (before !== sdl) await writeFile(file, sdl);
  console.log(`${before === sdl ? 'unchanged' : 'wrote    '} subgraphs/${name}/schema.graphql`);
}
process.exit(0);
