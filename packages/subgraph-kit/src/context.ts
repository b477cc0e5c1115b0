import type { Principal } from '@opshub/auth';
import type { Logger } from '@opshub/config';

/** What every resolver receives: the caller the gateway vouched for, and the request id. */
export interface SubgraphContext {
  user?: Principal;
  requestId: string;
  /** The client's network address, as the gateway vouched for it (absent for internal callers). */
  clientAddress?: string;
  log: Logger;
}
