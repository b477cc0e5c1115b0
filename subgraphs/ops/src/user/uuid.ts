/** A UUID as Postgres stores it (any version): checked before a lookup so a malformed id is NOT_FOUND, not a driver error. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);
