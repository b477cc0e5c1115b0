// Without DQM_PSEUDONYM_KEY the DQM² mirror refuses instead of pseudonymising with a guessable key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('dqmunkeyed');
});
afterAll(async () => {
  await h?.close();
});

describe('DQM² without a pseudonym key', () => {
  it('refuses the control room with SERVICE_UNAVAILABLE, before any agent is reached', async () => {
    const r = await h.exec(
      'mutation { controlRoom(action: GET_CMSSW_INFO, host: "00000000-0000-4000-8000-000000000001") { ok } }',
      {},
      'ADMIN',
    );
    expect(r.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
    expect(r.errors?.[0]?.message).toMatch(/DQM_PSEUDONYM_KEY/);
  });

  it('refuses a sync', async () => {
    await expect(h.services.square.sync.syncHost('00000000-0000-4000-8000-000000000001')).rejects.toThrow(
      /DQM_PSEUDONYM_KEY is not set/,
    );
  });
});
