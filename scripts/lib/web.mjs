// Build the web app only when its sources are newer than web/dist.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.mjs';

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules' || child === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** 'missing-script' | 'up-to-date' | 'build' for web/ with dist at `dist` (relative to the root). */
export function webBuildState(dist = 'web/dist') {
  const web = path.join(ROOT, 'web');
  const manifest = path.join(web, 'package.json');
  if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, 'utf8')).scripts?.build)
    return 'missing-script';
  const distIndex = path.join(path.resolve(ROOT, dist), 'index.html');
  if (!existsSync(distIndex)) return 'build';
  const sources = [
    'src',
    'index.html',
    'public',
    'package.json',
    'vite.config.ts',
    'vite.config.js',
    'svelte.config.js',
  ];
  const newest = Math.max(...sources.map((s) => newestMtime(path.join(web, s))));
  return newest > statSync(distIndex).mtimeMs ? 'build' : 'up-to-date';
}
