import type { DocumentNode } from 'graphql';

/** True when the operation declares `$name` (e.g. `$after`, the resume cursor of hub subscriptions). */
export function declaresVariable(document: DocumentNode, name: string): boolean {
  return document.definitions.some(
    (d) =>
      d.kind === 'OperationDefinition' &&
      !!d.variableDefinitions?.some((v) => v.variable.name.value === name),
  );
}

/**
 * The `eventId` of a subscription event (`{ data: { field: { eventId } } }`), if the selection has one.
 * A list event (`readingsAdded`: one stored batch) carries it on its items; the last one counts.
 */
export function eventIdOf(result: { data?: unknown }): string | undefined {
  if (typeof result.data !== 'object' || result.data === null) return undefined;
  for (const field of Object.values(result.data)) {
    const value: unknown = Array.isArray(field) ? field[field.length - 1] : field;
    if (
      typeof value === 'object' &&
      value !== null &&
      'eventId' in value &&
      typeof value.eventId === 'string'
    ) {
      return value.eventId;
    }
  }
  return undefined;
}

/**
 * A graphql-ws subscribe payload whose `variables` carry `after: <last eventId>` once an event
 * has arrived. graphql-ws serialises the payload again on every reconnect, so the hub replays
 * exactly what was missed while the socket was down.
 */
export function resumablePayload<P extends { variables?: Record<string, unknown> | null }>(
  payload: P,
  resumable: boolean,
): { payload: P; seen: (result: { data?: unknown }) => void } {
  let after: string | undefined;
  const base = payload.variables ?? {};
  const resumed = Object.defineProperty({ ...payload }, 'variables', {
    enumerable: true,
    get: () => (resumable && after ? { ...base, after } : base),
  });
  return {
    payload: resumed,
    seen: (result) => {
      after = eventIdOf(result) ?? after;
    },
  };
}
