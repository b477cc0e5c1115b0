import type { Logger } from '@opshub/config';
import type express from 'express';
import { exportRoute } from '../export/export.route.js';
import type { ExportService } from '../export/export.service.js';
import { spectraRoutes } from '../spectra/spectra.rest.js';
import type { SpectraService } from '../spectra/spectra.service.js';
import { elasticc2Routes } from './elasticc2.rest.js';
import { elasticcRoutes } from './elasticc.rest.js';
import type { RestHandler } from './rest-handler.js';
import { tomRouter, type TomRoute } from './tom-router.js';
import type { TomService } from './tom.service.js';

/** The REST handlers other parts of the domain provide (each a RestHandler built over its service). */
export interface MountedHandlers {
  /** `PUT /elasticc2/brokermessage/` (subgraphs/alerts/src/broker/broker-message.rest.ts). */
  brokerMessage?: RestHandler;
  /** `POST /db/runsqlquery/` (subgraphs/alerts/src/sql/runsqlquery.rest.ts). */
  runSqlQuery?: RestHandler;
}

/** Mounts the broker-message and SQL handlers at the TOM's paths, those that are given. */
export function mountedRoutes(handlers: MountedHandlers): TomRoute[] {
  return [
    ...(handlers.brokerMessage
      ? [{ methods: ['PUT'] as const, path: '/elasticc2/brokermessage', handler: handlers.brokerMessage }]
      : []),
    ...(handlers.runSqlQuery
      ? [{ methods: ['POST'] as const, path: '/db/runsqlquery', handler: handlers.runSqlQuery }]
      : []),
  ];
}

export interface AlertsRoutesOptions {
  tom: TomService;
  spectra: SpectraService;
  exports: ExportService;
  handlers?: MountedHandlers;
  /** The subgraph's signing secret (the export route verifies the gateway's signature itself). */
  secret: string;
  log: Logger;
}

/** Every HTTP route of the alerts subgraph besides `/graphql`: the TOM's REST surface and the exports. */
export function alertsRoutes(options: AlertsRoutesOptions): (app: express.Express) => void {
  const routes: TomRoute[] = [
    ...elasticcRoutes(options.tom),
    ...elasticc2Routes(options.tom),
    ...spectraRoutes(options.spectra),
    ...mountedRoutes(options.handlers ?? {}),
  ];
  const tom = tomRouter(routes, options.log);
  const exports = exportRoute({ exports: options.exports, secret: options.secret, log: options.log });
  return (app) => {
    exports(app);
    tom(app);
  };
}
