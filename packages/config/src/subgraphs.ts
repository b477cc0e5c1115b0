/**
 * The subgraphs of the hub, the only list of them: env defaults, the gateway's subgraph URLs,
 * `npm run up`, SDL emission, e2e and the compose checks all read it. Plain data without imports,
 * so that `scripts/up.mjs` can load it too.
 */
export const SUBGRAPHS = [
  {
    name: 'ops',
    portKey: 'OPS_PORT',
    urlKey: 'OPS_SUBGRAPH_URL',
    defaultPort: 4101,
    packageName: '@opshub/ops',
  },
  {
    name: 'alerts',
    portKey: 'ALERTS_PORT',
    urlKey: 'ALERTS_SUBGRAPH_URL',
    defaultPort: 4102,
    packageName: '@opshub/alerts',
  },
  {
    name: 'workflow',
    portKey: 'WORKFLOW_PORT',
    urlKey: 'WORKFLOW_SUBGRAPH_URL',
    defaultPort: 4103,
    packageName: '@opshub/workflow',
  },
  {
    name: 'dcs',
    portKey: 'DCS_PORT',
    urlKey: 'DCS_SUBGRAPH_URL',
    defaultPort: 4104,
    packageName: '@opshub/dcs',
  },
  {
    name: 'dqm',
    portKey: 'DQM_PORT',
    urlKey: 'DQM_SUBGRAPH_URL',
    defaultPort: 4105,
    packageName: '@opshub/dqm',
  },
] as const;

/** One subgraph's entry: its name (also its directory under subgraphs/ and its key in the supergraph). */
export type Subgraph = (typeof SUBGRAPHS)[number];
export type SubgraphName = Subgraph['name'];
