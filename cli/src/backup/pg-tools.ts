// pg_dump and pg_restore for the backup: the tools of the server's major version (Debian keeps each in
// /usr/lib/postgresql/<major>/bin; otherwise the PATH's, if its version matches), run with the
// connection in libpq's environment variables, so that no password appears in a process listing.
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from './backup.error.js';

export type PgTool = 'pg_dump' | 'pg_restore';

/** libpq's environment for a connection URL (user, password, host, port, database, sslmode). */
export function libpqEnv(databaseUrl: string): Record<string, string> {
  const url = new URL(databaseUrl);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(url.hostname.replace(/^\[|\]$/g, '')) || 'localhost',
    PGPORT: url.port || '5432',
    PGDATABASE: decodeURIComponent(url.pathname.slice(1)),
  };
  if (url.username) env['PGUSER'] = decodeURIComponent(url.username);
  if (url.password) env['PGPASSWORD'] = decodeURIComponent(url.password);
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode) env['PGSSLMODE'] = sslmode;
  const host = url.searchParams.get('host');
  if (host) env['PGHOST'] = host;
  return env;
}

/** The tool of PostgreSQL `major`, or a CliError saying what to install. */
export async function pgTool(tool: PgTool, major: number): Promise<string> {
  const candidates = [path.join(`/usr/lib/postgresql/${major}/bin`, tool), tool];
  const found: string[] = [];
  for (const candidate of candidates) {
    if (
      candidate.includes('/') &&
      !(await access(candidate).then(
        () => true,
        () => false,
      ))
    )
      continue;
    const version = await run(candidate, ['--version'], {}).then(
      (r) => r.stdout.trim(),
      () => undefined,
    );
    if (!version) continue;
    const toolMajor = Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1]);
    if (toolMajor === major) return candidate;
    found.push(`${candidate}: ${version}`);
  }
  throw new BackupError(
    `${tool} of PostgreSQL ${major} is needed (the server's version)` +
      (found.length ? `; found only ${found.join(', ')}` : '; none found') +
      `: install postgresql-client-${major}`,
  );
}

export interface ToolRun {
  stdout: string;
  stderr: string;
}

/**
 * Runs a tool to completion: a non-zero exit is an Error with its stderr. `onStderrLine` sees each
 * line of stderr as it comes (pg_restore --verbose's progress).
 */
export function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  options: {
    /** Where stdout goes (left open: the caller ends it), `onStdout` counting its bytes. */
    stdout?: NodeJS.WritableStream;
    onStdout?: (bytes: number) => void;
    onStderrLine?: (line: string) => void;
  } = {},
): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    if (options.stdout) {
      child.stdout.pipe(options.stdout, { end: false });
      if (options.onStdout) child.stdout.on('data', (d: Buffer) => options.onStdout?.(d.length));
    } else child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const textOf = d.toString();
      stderr += textOf;
      if (stderr.length > 1_000_000) stderr = stderr.slice(-500_000);
      const lines = (partial + textOf).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onStderrLine?.(line);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve({ stdout, stderr });
      else {
        const detail = stderr
          .split('\n')
          .filter(
            (l) => l.trim() && !/^pg_restore: (creating|processing|executing|dropping|connecting)/.test(l),
          )
          .slice(-5)
          .join('\n');
        reject(new Error(`${path.basename(command)} failed (${signal ?? `exit ${code}`}): ${detail}`));
      }
    });
  });
}
