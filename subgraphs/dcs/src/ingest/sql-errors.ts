/** How the ingest tells a batch's own fault (bisect it) from the database's (retry it as it is). */

/**
 * Errors caused by the rows themselves (SQLSTATE classes 22 data exception, 23 integrity constraint,
 * 54 program limit such as an index row too large): bisecting finds the message. Anything else
 * (connection lost, database down, lock timeout) is retried as it is.
 */
export function isDataError(error: unknown): boolean {
  return /^(22|23|54)/.test(sqlState(error) ?? '');
}

/**
 * Errors of the database as a whole (connection, resources, operator, missing objects, privileges,
 * transaction state) or without a SQLSTATE (connection refused or lost): never bisected, even after
 * several failures, or healthy messages would be dead-lettered because the database is down.
 */
export function isInfrastructureError(error: unknown): boolean {
  const state = sqlState(error);
  return state === undefined || /^(08|25|28|3D|3F|40|42|53|55|57|58|XX)/.test(state);
}

const sqlState = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};
