import type { Principal } from '@opshub/auth';
import type { Logger } from '@opshub/config';

/** What every resolver receives: the caller the gateway vouched for, and the request id. */
export interface SubgraphContext {
  user?: Principal;
  requestId: string;
  log: Logger;
}
