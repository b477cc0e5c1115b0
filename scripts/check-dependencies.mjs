// npm run check:deps: every dependency a workspace's package.json declares is imported by one of its files (or is
// listed below with the reason it is needed without an import). The other direction, an import its package.json
// does not declare, is the lint's (opshub/workspace-boundaries).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Declared on purpose though no file imports them: workspace directory → package → why. */
export const NEEDED_WITHOUT_IMPORT = {
  'subgraphs/dcs': { ioredis: 'the peer of bullmq, which makes its queues' },
  bench: { '@opshub/gateway': 'run as a process (gateway/src/main.ts)' },
  web: {
    'svelte-check': 'check:types',
    svelte2tsx: 'svelte-check, pinned',
    typescript: 'the peer of svelte-check',
  },
};

const SOURCE = /\.(ts|mts|js|mjs|cjs|svelte)$/;
const SPECIFIERS = [
  /\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\brequire(?:\.resolve)?\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\/\/\/\s*<reference types="([^"]+)"/g,
];

function sourceFiles(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) sourceFiles(file, out);
    else if (SOURCE.test(entry)) out.push(file);
  }
  return out;
}

/** The package a bare specifier names ('graphql-ws/use/ws' → 'graphql-ws'); null for relative and node: ones. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  return specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}

/** Each workspace's declared dependencies that none of its files imports, less `neededWithoutImport`. */
export function unusedDependencies(root, neededWithoutImport = NEEDED_WITHOUT_IMPORT) {
  const { workspaces } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dirs = workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(path.join(root, pattern.slice(0, -2))).map((entry) => `${pattern.slice(0, -2)}/${entry}`)
      : [pattern],
  );
  const unused = [];
  for (const dir of dirs) {
    const manifest = path.join(root, dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    const imported = new Set();
    for (const file of sourceFiles(path.join(root, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of SPECIFIERS) {
        for (const match of text.matchAll(pattern)) imported.add(packageOf(match[1]));
      }
    }
    const declared = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
    for (const name of declared) {
      if (name.startsWith('@types/') || imported.has(name) || neededWithoutImport[dir]?.[name]) continue;
      unused.push({ workspace: dir, name });
    }
  }
  return unused;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const unused = unusedDependencies(root);
  for (const { workspace, name } of unused) {
    console.error(`${workspace}/package.json declares ${name}, which none of its files imports`);
  }
  if (unused.length > 0) {
    console.error(
      'Remove it, or add it with its reason to NEEDED_WITHOUT_IMPORT in scripts/check-dependencies.mjs.',
    );
    process.exit(1);
  }
  console.log('Every declared workspace dependency is imported.');
}
