// `npm ci` only when needed: node_modules missing, or package-lock.json changed since the last up.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, STATE } from './paths.mjs';
import { runLogged } from './run.mjs';

const LOCK = path.join(ROOT, 'package-lock.json');
const STAMP = path.join(STATE, 'install.hash');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function lockHash() {
  return existsSync(LOCK) ? createHash('sha256').update(readFileSync(LOCK)).digest('hex') : 'no-lockfile';
}

/** Whether node_modules matches the lockfile as of the last install we know of. */
function installed(hash) {
  const hidden = path.join(ROOT, 'node_modules', '.package-lock.json');
  if (!existsSync(hidden)) return false;
  if (existsSync(STAMP)) return readFileSync(STAMP, 'utf8').trim() === hash;
  // No stamp (installed by hand before any up): npm's own record newer than the lockfile will do.
  return existsSync(LOCK) && statSync(hidden).mtimeMs >= statSync(LOCK).mtimeMs;
}

export async function ensureInstalled(say) {
  const hash = lockHash();
  mkdirSync(STATE, { recursive: true });
  if (installed(hash)) {
    writeFileSync(STAMP, `${hash}\n`);
    say('Dependencies are installed (package-lock.json unchanged)');
    return false;
  }
  const args = existsSync(LOCK) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  say(`Installing dependencies: npm ${args[0]} (log in .opshub/logs/install.log)…`);
  await runLogged('install', NPM, args, { timeoutMs: 600_000 });
  writeFileSync(STAMP, `${lockHash()}\n`);
  return true;
}
