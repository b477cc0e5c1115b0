/**
 * A small set of Prometheus series kept in plain maps and written in the text exposition format
 * (version 0.0.4) — the gateway's and the workers' `/metrics`; a client library for a few dozen series
 * is more than this. Values can be taken as a JSON snapshot and snapshots summed, so that the primary
 * of a node:cluster gateway can serve one `/metrics` for all its processes (gateway metrics-cluster.ts).
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

  /** A deep copy of every value (JSON-safe), for another process to merge. */
  snapshot(): MetricsSnapshot {
    return JSON.parse(JSON.stringify(this.values)) as MetricsSnapshot;
  }

  /** Sums snapshots series by series: counters, gauges (what is open in each process) and histograms alike. */
  static merge(snapshots: readonly MetricsSnapshot[]): MetricsSnapshot {
    const out: MetricsSnapshot = {};
    for (const snapshot of snapshots) {
      for (const [name, series] of Object.entries(snapshot)) {
        const target = (out[name] ??= {});
        for (const [key, value] of Object.entries(series)) {
          const had = target[key];
          if (typeof value === 'number') target[key] = ((had as number | undefined) ?? 0) + value;
          else if (had === undefined) target[key] = { ...value, counts: [...value.counts] };
          else {
            const h = had as HistogramValue;
            value.counts.forEach((n, i) => (h.counts[i] = (h.counts[i] ?? 0) + n));
            h.sum += value.sum;
            h.count += value.count;
          }
        }
      }
    }
    return out;
  }

  /** The exposition text of `snapshot` (default: this set's own values). */
  render(snapshot: MetricsSnapshot = this.values): string {
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
