import type { Principal } from '@opshub/auth';
import type { Logger } from '@opshub/config';

/** Per operation: who is calling (if anyone) and the request id every log line and subgraph call carries. */
export interface GatewayContext {
  user?: Principal;
  requestId: string;
  /** The client's address (the socket's, or X-Forwarded-For through trusted proxies only); signed to subgraphs. */
  clientAddress?: string;
  log: Logger;
}
