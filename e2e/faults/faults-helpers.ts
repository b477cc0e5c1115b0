// Shared by the fault scenarios: GraphQL over HTTP with a deadline, polling with a deadline, child
// workers processes, and the one-line JSON report each scenario prints.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { StallSettings } from '@opshub/workers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface GqlResult {
  status: number;
  data?: Json | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Json }[];
  /** Wall time of the request. */
  ms: number;
}

/** One GraphQL request; a request that gets no answer within `timeoutMs` throws (a hang). */
export async function gql(
  url: string,
  token: string,
  query: string,
  variables: Json = {},
  timeoutMs = 15_000,
): Promise<GqlResult> {
  const t0 = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as Omit<GqlResult, 'status' | 'ms'>;
  return { status: response.status, ...body, ms: performance.now() - t0 };
}

/** Polls `check` until it returns a value other than undefined/null/false, or fails at the deadline. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  timeoutMs = 15_000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The scenario's figures, one JSON line with a `fault` key (quoted in the note). */
export function report(fault: string, figures: Json): void {
  console.log(JSON.stringify({ fault, ...figures }));
}

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};

export interface WorkersSettings {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  productRoot: string;
  archiveRoot: string;
  seed: string;
  pipelineMs: number;
  stall: StallSettings;
}

export interface WorkersProcess {
  child: ChildProcess;
  /** Starts the workers (the process compiled meanwhile); resolves once they run. */
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * A workers process (fixtures/workers-process.ts) spawned now, compiling while the test goes on, and
 * started when the test says so: a spare that takes over at once after the first one is killed.
 */
export function spawnWorkers(settings: WorkersSettings): WorkersProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      '@swc-node/register/esm-register',
      path.join(import.meta.dirname, 'fixtures', 'workers-process.ts'),
    ],
    {
      cwd: path.resolve(import.meta.dirname, '..', '..'),
      env: { ...process.env, FAULT_WORKERS: JSON.stringify(settings) },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const seen = new Set<string>();
  let rest = '';
  child.stdout!.on('data', (d: Buffer) => {
    const lines = (rest + d.toString()).split('\n');
    rest = lines.pop()!;
    for (const line of lines) seen.add(line.trim());
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child,
    start: async () => {
      await waitFor(
        () => seen.has('loaded') || child.exitCode !== null,
        'the workers process compiled',
        60_000,
      );
      child.stdin!.write('go\n');
      await waitFor(() => seen.has('ready') || child.exitCode !== null, 'the workers running', 30_000);
      if (child.exitCode !== null) throw new Error(`the workers process exited with ${child.exitCode}`);
    },
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
