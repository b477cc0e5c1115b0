import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnv, withEnvFiles } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createOpsServices, type OpsServices } from '../services.js';

/** The checkout (or image) root, whose .env the CLI reads: this file is subgraphs/ops/src/cli/. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** What every command needs: the ops services, opened on first use so `--help` needs no database. */
export class CliContext {
  private db: Db | undefined;
  private opened: OpsServices | undefined;
  private redis: { REDIS_URL: string; REDIS_PREFIX: string } | undefined;
  private redisWarned = false;

  constructor(private readonly environment: NodeJS.ProcessEnv) {}

  services(): OpsServices {
    if (!this.opened) {
      const source = withEnvFiles(ROOT, this.environment);
      const env = loadEnv(['DATABASE_URL', 'LOG_LEVEL', 'SESSION_TTL_HOURS'], source);
      // With Redis, revocations (user disable, sessions revoke, token revoke, passwd) reach the
      // gateways at once; without it, at their next periodic re-check.
      this.redis = source['REDIS_URL'] ? loadEnv(['REDIS_URL', 'REDIS_PREFIX'], source) : undefined;
      this.db = createDb(env.DATABASE_URL, { max: 2 });
      this.opened = createOpsServices(this.db, {
        sessionTtlHours: env.SESSION_TTL_HOURS,
        ...(this.redis ? { redisUrl: this.redis.REDIS_URL, redisPrefix: this.redis.REDIS_PREFIX } : {}),
        onRedisError: (error) => {
          if (!this.redisWarned) process.stderr.write(`warning: redis: ${String(error)}\n`);
          this.redisWarned = true;
        },
      });
    }
    return this.opened;
  }

  /** Stdout is for results only (scripts read the token from its last line); notes go to stderr. */
  print(line = ''): void {
    process.stdout.write(`${line}\n`);
  }

  /** A note on stderr when revocations cannot be announced to the gateways right away. */
  noteRevocationDelay(): void {
    if (!this.redis)
      process.stderr.write(
        "note: REDIS_URL is not set, so open WebSockets close at the gateways' next re-check, not at once\n",
      );
  }

  async close(): Promise<void> {
    // With REDIS_URL the services also hold queue connections (unused by the CLI, but open).
    await this.opened?.queues?.close();
    await this.opened?.close();
    await this.db?.$disconnect();
  }
}

/** Left-aligned columns for list output. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function when(date: Date | null | undefined): string {
  return date ? date.toISOString().replace('T', ' ').slice(0, 19) : '-';
}
