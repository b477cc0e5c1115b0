import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { collectWarmOperations, renderWarmOperations, WARM_OPERATIONS_FILE } from './warm-operations.js';

describe('gateway/warm-operations.json', () => {
  it('lists exactly the queries and mutations the web and the client package send now', async () => {
    const operations = await collectWarmOperations();
    expect(operations.map((o) => o.name)).toContain('Me');
    expect(operations.some((o) => o.query.startsWith('subscription'))).toBe(false);
    // Stale: run `node --import @swc-node/register/esm-register gateway/src/warm-operations.ts` and commit.
    expect(await readFile(WARM_OPERATIONS_FILE, 'utf8')).toBe(renderWarmOperations(operations));
  });
});
