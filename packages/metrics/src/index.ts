export { labelText, MetricSet } from './metric-set.js';
export type { HistogramValue, MetricDef, MetricsSnapshot, MetricType } from './metric-set.js';
