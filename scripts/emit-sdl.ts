// Writes subgraphs/<name>/schema.graphql from each subgraph's type-graphql classes (no services,
// no connections: the kit prints the SDL from the classes alone).
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SUBGRAPHS } from '@opshub/config';

const root = path.resolve(import.meta.dirname, '..');

for (const { name, packageName } of SUBGRAPHS) {
  const mod = (await import(packageName)) as { printSdl?: () => Promise<string> };
  if (!mod.printSdl) throw new Error(`${packageName} does not export printSdl`);
  const sdl = await mod.printSdl();
  const file = path.join(root, 'subgraphs', name, 'schema.graphql');
  const before = existsSync(file) ? await readFile(file, 'utf8') : '';
  if (before !== sdl) await writeFile(file, sdl);
  console.log(`${before === sdl ? 'unchanged' : 'wrote    '} subgraphs/${name}/schema.graphql`);
}
process.exit(0);
