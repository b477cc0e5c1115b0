import { describe, expect, it } from 'vitest';
import { waitFor } from './wait.js';

describe('waitFor', () => {
  it('returns the first value that is neither undefined nor false', async () => {
    let calls = 0;
    const values = [undefined, false, 0, 1];
    expect(await waitFor(() => values[calls++], 'a value', 1_000)).toBe(0);
    expect(calls).toBe(3);
  });

  it('fails at the deadline, naming what it waited for', async () => {
    const started = Date.now();
    await expect(waitFor(async () => false, 'the green light', 100)).rejects.toThrow(
      'Timed out after 100 ms waiting for the green light',
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
