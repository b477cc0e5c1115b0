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

  constructor(private readonly environment: NodeJS.ProcessEnv) {}

  services(): OpsServices {
    if (!this.opened) {
      const env = loadEnv(
        ['DATABASE_URL', 'LOG_LEVEL', 'SESSION_TTL_HOURS'],
        withEnvFiles(ROOT, this.environment),
      );
      this.db = createDb(env.DATABASE_URL, { max: 2 });
      this.opened = createOpsServices(this.db, { sessionTtlHours: env.SESSION_TTL_HOURS });
    }
    return this.opened;
  }

  /** Stdout is for results only (scripts read the token from its last line); notes go to stderr. */
  print(line = ''): void {
    process.stdout.write(`${line}\n`);
  }

  async close(): Promise<void> {
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
