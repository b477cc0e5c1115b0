import { describe, expect, it } from 'vitest';
import { MetricSet } from './metric-set.js';

const defs = [
  { name: 'jobs_total', type: 'counter' as const, help: 'Jobs.', initial: ['queue="a"'] },
  { name: 'depth', type: 'gauge' as const, help: 'Depth.' },
  { name: 'seconds', type: 'histogram' as const, help: 'Time.', buckets: [0.1, 1] },
];

describe('MetricSet', () => {
  it('writes the exposition format: initial series at 0, escaped labels, cumulative buckets', () => {
    const m = new MetricSet(defs);
    m.inc('jobs_total', { queue: 'b"\\\n' });
    m.observe('seconds', {}, 0.05);
    m.observe('seconds', {}, 0.5);
    m.observe('seconds', {}, 5);
    const text = m.render();
    expect(text).toContain('# TYPE jobs_total counter');
    expect(text).toContain('jobs_total{queue="a"} 0');
    expect(text).toContain('jobs_total{queue="b\\"\\\\\\n"} 1');
    expect(text).toContain('seconds_bucket{le="0.1"} 1');
    expect(text).toContain('seconds_bucket{le="1"} 2');
    expect(text).toContain('seconds_bucket{le="+Inf"} 3');
    expect(text).toContain('seconds_count 3');
  });

  it('sums snapshots of several processes, and forgets a cleared gauge', () => {
    const [a, b] = [new MetricSet(defs), new MetricSet(defs)];
    a.inc('jobs_total', { queue: 'a' }, 2);
    b.inc('jobs_total', { queue: 'a' }, 3);
    a.observe('seconds', {}, 0.05);
    b.observe('seconds', {}, 0.5);
    const sum = a.render(MetricSet.merge([a.snapshot(), b.snapshot()]));
    expect(sum).toContain('jobs_total{queue="a"} 5');
    expect(sum).toContain('seconds_bucket{le="1"} 2');
    a.set('depth', { queue: 'x' }, 4);
    a.clear('depth');
    expect(a.render()).not.toContain('depth{queue="x"}');
  });
});
