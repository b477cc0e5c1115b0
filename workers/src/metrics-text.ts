/**
 * A small set of Prometheus series kept in plain maps and written in the text exposition format
 * (version 0.0.4). The gateway has the same writer (gateway/src/metrics-text.ts, plus the snapshot merge
 * its cluster needs); a workspace may not import another's files, and a client library for a dozen
 * series is more than this.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricDef {
  name: string;
  type: MetricType;
  help: string;
  /** Upper bounds of a histogram's buckets (seconds), ascending. */
  buckets?: readonly number[];
  /** Series always written, even before anything was counted (label text → 0). */
  initial?: readonly string[];
}

/** A histogram series: per-bucket counts (not cumulative), sum and count. */
export interface HistogramValue {
  counts: number[];
  sum: number;
  count: number;
}

/** Every series' value by metric name, then by label text (`a="x",b="y"`; '' for none). */
export type MetricsSnapshot = Record<string, Record<string, number | HistogramValue>>;

const escapeLabel = (v: string): string =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** `{ operation: 'me', type: 'query' }` → `operation="me",type="query"` (keys in the order given). */
export function labelText(labels: Record<string, string> = {}): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',');
}

export class MetricSet {
  private readonly defs = new Map<string, MetricDef>();
  private readonly values: MetricsSnapshot = {};

  constructor(defs: readonly MetricDef[]) {
    for (const def of defs) {
      this.defs.set(def.name, def);
      this.values[def.name] = {};
      for (const labels of def.initial ?? [])
        this.values[def.name]![labels] = def.type === 'histogram' ? emptyHistogram(def) : 0;
    }
  }

  private series(name: string): Record<string, number | HistogramValue> {
    const series = this.values[name];
    if (!series) throw new Error(`Unknown metric ${name}`);
    return series;
  }

  inc(name: string, labels: Record<string, string> = {}, by = 1): void {
    const series = this.series(name);
    const key = labelText(labels);
    series[key] = ((series[key] as number | undefined) ?? 0) + by;
  }

  set(name: string, labels: Record<string, string>, value: number): void {
    this.series(name)[labelText(labels)] = value;
  }

  get(name: string, labels: Record<string, string> = {}): number | HistogramValue | undefined {
    return this.series(name)[labelText(labels)];
  }

  /** Only if the series exists already: keeps a label text seen once from being made again. */
  has(name: string, labels: Record<string, string>): boolean {
    return labelText(labels) in this.series(name);
  }

  observe(name: string, labels: Record<string, string>, seconds: number): void {
    const def = this.defs.get(name)!;
    const series = this.series(name);
    const key = labelText(labels);
    const h = (series[key] as HistogramValue | undefined) ?? (series[key] = emptyHistogram(def));
    const i = def.buckets!.findIndex((le) => seconds <= le);
    if (i >= 0) h.counts[i]!++;
    h.sum += seconds;
    h.count++;
  }

  /** Forgets every series of `name` (gauges read afresh at each scrape). */
  clear(name: string): void {
    this.values[name] = {};
  }

  /** The exposition text. */
  render(): string {
    const snapshot = this.values;
    const lines: string[] = [];
    for (const def of this.defs.values()) {
      lines.push(`# HELP ${def.name} ${def.help}`, `# TYPE ${def.name} ${def.type}`);
      const series = snapshot[def.name] ?? {};
      for (const key of Object.keys(series).sort()) {
        const value = series[key]!;
        if (typeof value === 'number') {
          lines.push(`${def.name}${key ? `{${key}}` : ''} ${value}`);
          continue;
        }
        const sep = key ? `${key},` : '';
        let cumulative = 0;
        def.buckets!.forEach((le, i) => {
          cumulative += value.counts[i] ?? 0;
          lines.push(`${def.name}_bucket{${sep}le="${le}"} ${cumulative}`);
        });
        lines.push(`${def.name}_bucket{${sep}le="+Inf"} ${value.count}`);
        lines.push(`${def.name}_sum${key ? `{${key}}` : ''} ${value.sum}`);
        lines.push(`${def.name}_count${key ? `{${key}}` : ''} ${value.count}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}

const emptyHistogram = (def: MetricDef): HistogramValue => ({
  counts: def.buckets!.map(() => 0),
  sum: 0,
  count: 0,
});
