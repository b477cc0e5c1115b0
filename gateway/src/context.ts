import type { Principal } from '@opshub/auth';
import type { Logger } from '@opshub/config';

/** Per operation: who is calling (if anyone) and the request id every log line and subgraph call carries. */
export interface GatewayContext {
  user?: Principal;
  requestId: string;
  log: Logger;
}
