/** The export's columns, in order (its first line). Fields are written by the kit's csvLine (formulas defused). */
export const AUDIT_CSV_HEADER = ['id', 'at', 'actor', 'actorId', 'kind', 'target', 'detail', 'requestId'];
