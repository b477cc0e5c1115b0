import { ousDirName } from '../store/product-store.js';

/**
 * The raw data of a fully observed OUS as the observatory ships it: a small ASDM table (the real one
 * is a directory of XML tables and binary data). Deterministic, so tests can predict it.
 */
export function asdmOf(programId: string, ousId: string): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<ASDM>\n  <ProjectCode>${programId}</ProjectCode>\n` +
      `  <ObsUnitSetId>${ousId}</ObsUnitSetId>\n  <Name>${ousDirName(ousId)}</Name>\n</ASDM>\n`,
  );
}
