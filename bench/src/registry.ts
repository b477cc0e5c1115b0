import { alertsBench } from './alerts.js';
import { dcsBench } from './dcs.js';
import { dqmBench } from './dqm.js';
import { dqmSquareBench } from './dqm-square.js';
import { fitsBench } from './fits.js';
import { gatewayBench } from './gateway.js';
import { subscriptionsBench } from './subscriptions.js';
import { workflowBench } from './workflow.js';

export interface Bench<R extends object = object> {
  run(args: string[]): Promise<R>;
  summary(result: R): string;
}

/** Every benchmark by name; a domain adds its own with one line. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each bench has its own result shape
export const BENCHES: Record<string, Bench<any>> = {
  gateway: gatewayBench,
  alerts: alertsBench,
  dcs: dcsBench,
  workflow: workflowBench,
  fits: fitsBench,
  'dqm-square': dqmSquareBench,
  dqm: dqmBench,
  subscriptions: subscriptionsBench,
};
