import { recipeFor } from '@opshub/workflow';
import { waitFor } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, OPERATOR, startWorkflowHarness, type WorkflowHarness } from './workflow-harness.js';

const SEED = 'opshub-cap';
const PROGRAM = '2016.1.00321.S';
const CAP = 2;
/** More runs than the cap, all at one executive; each worker could take 4 at once without the cap. */
const RUNS = 6;
const CREATE = 'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id } }';
const ASSIGN = 'mutation ($id: ID!) { assignExecutive(ousId: $id, executive: EU) { state } }';
const RUNS_OF =
  'query ($id: ID!) { obsUnitSet(id: $id) { state substate pipelineRuns { status executive startedAt finishedAt } } }';

interface RunView {
  status: string;
  executive: string;
  startedAt: string;
  finishedAt: string | null;
}

/** The most runs that were in progress at one instant (an end and a start at the same ms do not overlap). */
function mostAtOnce(runs: RunView[]): number {
  const edges = runs.flatMap((r) => [
    { at: Date.parse(r.startedAt), delta: 1 },
    { at: Date.parse(r.finishedAt!), delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let now = 0;
  let most = 0;
  for (const e of edges) most = Math.max(most, (now += e.delta));
  return most;
}

let h: WorkflowHarness;
const ids: string[] = [];

beforeAll(async () => {
  // The worker takes 4 jobs of a queue at once (its default): only the queue's global cap holds them back.
  h = await startWorkflowHarness({ seed: SEED, pipelineMs: 600, failureRate: 0, pipelineConcurrency: CAP });
  for (let n = 0; ids.length < RUNS; n++) {
    const id = `uid://C1/C1/X${n.toString(16)}`;
    if (recipeFor(SEED, id).startsWith('Pipeline')) ids.push(id);
  }
});

afterAll(async () => {
  await h?.stop();
});

describe('the pipeline concurrency cap', () => {
  it(`runs ${RUNS} pipelines at one executive never more than ${CAP} at once, and every one completes`, async () => {
    for (const id of ids) await h.run(ADMIN, CREATE, { p: PROGRAM, id });
    const ousOf = async (id: string) =>
      (
        await h.run<{ obsUnitSet: { state: string; substate: string | null; pipelineRuns: RunView[] } }>(
          OPERATOR,
          RUNS_OF,
          { id },
        )
      ).obsUnitSet;
    // The batch helper gives each its recipe; then the DRA sends them all to EU at once.
    await waitFor(
      async () => (await Promise.all(ids.map(ousOf))).every((o) => o.substate !== null),
      'every recipe',
      15_000,
    );
    await Promise.all(ids.map((id) => h.run(OPERATOR, ASSIGN, { id })));

    const done = await waitFor(
      async () => {
        const all = await Promise.all(ids.map(ousOf));
        return all.every((o) => o.state === 'READY_FOR_REVIEW') ? all : undefined;
      },
      'every OUS in ReadyForReview',
      30_000,
    );

    const runs = done.flatMap((o) => o.pipelineRuns);
    expect(runs).toHaveLength(RUNS);
    expect(runs.every((r) => r.status === 'SUCCEEDED' && r.executive === 'EU')).toBe(true);
    expect(mostAtOnce(runs)).toBe(CAP);
  });
});
