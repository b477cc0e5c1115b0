import { OusState } from '@opshub/workflow';
import { waitFor } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflowHarness, type WorkflowHarness } from './workflow-harness.js';

const PROGRAM = '2024.1.00077.S';
const LAUNCHER = { system: 'launcher' };
let h: WorkflowHarness;

beforeAll(async () => {
  h = await startWorkflowHarness({ seed: 'opshub-1', failureRate: 0 });
});

afterAll(async () => {
  await h?.stop();
});

const historyOf = async (id: string): Promise<string[]> =>
  (await h.api.ous.history(id)).map((t) => `${t.to} by ${t.systemActor ?? 'user'}`);

describe('a FullyObserved OUS with the real workers', () => {
  it('is moved to ReadyForProcessing by the data tracker once its raw data is replicated, then gets its recipe', async () => {
    await h.api.tracker.observe(PROGRAM, 'uid://W1/W1/W1', LAUNCHER);
    // Observed before its raw data arrived: the tracker's job retries until it is there.
    await h.api.ous.create(PROGRAM, 'uid://W1/W1/W2', LAUNCHER, OusState.FULLY_OBSERVED);
    const late = 'uid://W1/W1/W2';
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await h.api.ous.byId(late))?.state).toBe(OusState.FULLY_OBSERVED);
    await h.api.tracker.shipRawData(PROGRAM, late);

    for (const id of ['uid://W1/W1/W1', late]) {
      await waitFor(
        async () => (await h.api.ous.byId(id))?.substate ?? undefined,
        `${id} with a recipe`,
        15_000,
      );
      expect((await historyOf(id)).slice(0, 3)).toEqual([
        'FULLY_OBSERVED by launcher',
        'READY_FOR_PROCESSING by data-tracker',
        'READY_FOR_PROCESSING by batch-helper',
      ]);
    }
  });
});
