import { resolver, subgraphSchema, type SubgraphDefinition } from '@opshub/subgraph-kit';
import { AlertResolver } from './alert/alert.resolver.js';
import { AlertSourceResolver } from './alert-source/alert-source.resolver.js';
import { BrokerMessageResolver } from './broker/broker-message.resolver.js';
import { BrokerSourceResolver } from './broker/broker-source.resolver.js';
import {
  ClassificationResolver,
  ObjectClassificationResolver,
} from './classification/classification.resolver.js';
import { diaObjectReference } from './dia-object/dia-object.reference.js';
import { DiaObjectResolver } from './dia-object/dia-object.resolver.js';
import { DiaSourceResolver } from './dia-source/dia-source.resolver.js';
import { LightCurveResolver } from './light-curve/light-curve.resolver.js';
import { QuarantineResolver } from './quarantine/quarantine.resolver.js';
import { SpectraResolver } from './spectra/spectra.resolver.js';
import { SqlResolver } from './sql/sql.resolver.js';
import { SourceTruthResolver } from './truth/source-truth.resolver.js';
import { TruthResolver } from './truth/truth.resolver.js';
import type { AlertsServices } from './services.js';

const alerts: SubgraphDefinition<AlertsServices> = {
  resolvers: [
    resolver(DiaObjectResolver, (s: AlertsServices) => new DiaObjectResolver(s.diaObjects)),
    resolver(DiaSourceResolver, (s: AlertsServices) => new DiaSourceResolver(s.diaSources)),
    resolver(LightCurveResolver, (s: AlertsServices) => new LightCurveResolver(s.lightCurves)),
    resolver(QuarantineResolver, (s: AlertsServices) => new QuarantineResolver(s.quarantine)),
    resolver(SpectraResolver, (s: AlertsServices) => new SpectraResolver(s.spectra)),
    resolver(SqlResolver, (s: AlertsServices) => new SqlResolver(s.sql)),
    resolver(TruthResolver, (s: AlertsServices) => new TruthResolver(s.truth)),
    resolver(SourceTruthResolver, (s: AlertsServices) => new SourceTruthResolver(s.sourceTruth)),
    resolver(AlertResolver, (s: AlertsServices) => new AlertResolver(s.alerts, s.diaSources, s.diaObjects)),
    resolver(AlertSourceResolver, (s: AlertsServices) => new AlertSourceResolver(s.alertSources)),
    resolver(
      BrokerMessageResolver,
      (s: AlertsServices) => new BrokerMessageResolver(s.brokerMessages, s.classifications),
    ),
    resolver(
      ObjectClassificationResolver,
      (s: AlertsServices) => new ObjectClassificationResolver(s.classifications, s.diaObjects),
    ),
    resolver(ClassificationResolver, (s: AlertsServices) => new ClassificationResolver(s.brokerMessages)),
    resolver(BrokerSourceResolver, (s: AlertsServices) => new BrokerSourceResolver(s.brokerSources)),
  ],
  references: (s) => diaObjectReference(s.diaObjects),
};

/** The alerts subgraph over its services (`buildAlertsSchema`), without them, and its SDL. */
export const {
  build: buildAlertsSchema,
  buildOffline: buildOfflineSchema,
  printSdl,
} = subgraphSchema(alerts);
