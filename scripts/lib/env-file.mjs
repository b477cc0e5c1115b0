// A tiny .env reader/writer: KEY=value lines, # comments, optional single or double quotes.
// No dotenv dependency: up.mjs must work before node_modules exist.
import { existsSync, readFileSync } from 'node:fs';

/** Parses .env text into an object; later keys win, blank and # lines are ignored. */
export function parseEnv(text) {
  const out = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line
      .slice(0, eq)
      .replace(/^export\s+/, '')
      .trim();
    let value = line.slice(eq + 1).trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
      value = value.slice(1, -1);
    }
    out[key] = value;
  }
  return out;
}

/** The variables of an env file, or {} when it does not exist. */
export function readEnvFile(file) {
  return existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
}

/** Renders KEY=value lines (values here never need quoting: URLs, base64url, numbers). */
export function formatEnv(vars) {
  return Object.entries(vars)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}
