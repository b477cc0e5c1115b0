/** The review's query bomb (M7): 30 aliases of a 500-OUS page with every run's job and every transition's actor. */
export const COST_BOMB = `{ ${Array.from(
  { length: 30 },
  (_, i) =>
    `a${i}: obsUnitSets(first: 500) { totalCount edges { node { history { actor { username } } pipelineRuns { job { stacktrace data } } } } }`,
).join(' ')} }`;
