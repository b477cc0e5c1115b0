/** Prisma's error code for a unique-key violation. */
const UNIQUE_VIOLATION = 'P2002';

/**
 * A registration every workers process makes at start (a source or agent from the settings): when
 * two processes start together, both may find it missing and one insert then fails on the unique
 * key. That one runs the registration again and finds the row the other process made. An upsert
 * alone does not cover this: Prisma runs most upserts as a read, then an insert.
 */
export async function registerAtStart<T>(register: () => Promise<T>): Promise<T> {
  try {
    return await register();
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    return register();
  }
}
