import type { Logger } from '@opshub/config';
import type express from 'express';
import { brokerMessageRestHandler } from '../broker/broker-message.rest.js';
import type { AlertsServices } from '../services.js';
import { runSqlQueryHandler } from '../sql/runsqlquery.rest.js';
import { alertsRoutes } from './tom-routes.js';

/**
 * The alerts subgraph's HTTP routes over its services: the TOM's REST surface under
 * `/internal/tom/…` (with the broker messages' PUT and runsqlquery) and the exports under
 * `/stream/export/…` (both reached through the gateway).
 */
export function tomSurface(
  services: AlertsServices,
  secret: string,
  log: Logger,
): (app: express.Express) => void {
  return alertsRoutes({
    tom: services.tom,
    spectra: services.spectra,
    exports: services.exports,
    handlers: {
      brokerMessage: brokerMessageRestHandler(services.brokerMessages),
      runSqlQuery: runSqlQueryHandler(services.sql),
    },
    secret,
    log,
  });
}
