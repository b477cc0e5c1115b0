import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.js';

export type Db = PrismaClient;

/** A Prisma client over node-postgres (the driver adapter; no native query engine). */
export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

/** Prisma's error code for a unique-constraint violation. */
export const UNIQUE_VIOLATION = 'P2002';
/** Prisma's error code for "record to update/delete not found". */
export const RECORD_NOT_FOUND = 'P2025';

export function prismaErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
