import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const eq = line.indexOf('=');
    if (!line || line.startsWith('#') || eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    if (/^(".*"|'.*')$/.test(value)) value = value.slice(1, -1);
    out[
      line
        .slice(0, eq)
        .replace(/^export\s+/, '')
        .trim()
    ] = value;
  }
  return out;
}

function read(file: string): Record<string, string> {
  return existsSync(file) ? parseEnvFile(readFileSync(file, 'utf8')) : {};
}

/**
 * The environment of a command run by hand in a checkout (the admin CLI, the seed): `<root>/.env`,
 * then the overrides `npm run up` wrote for the current run (`.opshub/runtime.env`: embedded
 * Postgres or MQTT on their own ports), then `environment`, which wins. Pass the result to loadEnv.
 */
export function withEnvFiles(
  root: string,
  environment: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return {
    ...read(path.join(root, '.env')),
    ...read(path.join(root, '.opshub', 'runtime.env')),
    ...environment,
  };
}
