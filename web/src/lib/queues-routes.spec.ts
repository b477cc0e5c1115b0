import { describe, expect, it } from 'vitest';
import { jobHref, parseQueuesRoute, queuesPath } from './queues-routes';

describe('queues routes', () => {
  it('reads the overview, a queue with its state and search, and defaults to failed jobs', () => {
    expect(parseQueuesRoute('/queues', '')).toEqual({
      name: 'queues',
      queue: null,
      state: 'FAILED',
      search: '',
    });
    expect(parseQueuesRoute('/queues', 'queue=alerts-ingest&state=delayed&q=%20ingest%20')).toEqual({
      name: 'queues',
      queue: 'alerts-ingest',
      state: 'DELAYED',
      search: 'ingest',
    });
    expect(parseQueuesRoute('/queues', 'queue=dcs&state=BOGUS')).toMatchObject({ state: 'FAILED' });
  });

  it('reads a job page whose id holds a slash, and gives null for other paths', () => {
    expect(parseQueuesRoute('/queues/job/dcs/repeat%3Ax%2F1', '')).toEqual({
      name: 'queue-job',
      queue: 'dcs',
      id: 'repeat:x/1',
    });
    expect(parseQueuesRoute(jobHref('alerts-ingest', 'a/b').slice(1), '')).toEqual({
      name: 'queue-job',
      queue: 'alerts-ingest',
      id: 'a/b',
    });
    expect(parseQueuesRoute('/queues/job/dcs', '')).toBeNull();
    expect(parseQueuesRoute('/queuesx', '')).toBeNull();
  });

  it('writes only what differs from the defaults, and round-trips', () => {
    expect(queuesPath({ queue: null, state: 'ACTIVE', search: 'x' })).toBe('/queues');
    expect(queuesPath({ queue: 'dcs', state: 'FAILED', search: '' })).toBe('/queues?queue=dcs');
    const path = queuesPath({ queue: 'workflow-recipe', state: 'COMPLETED', search: 'assign recipe' });
    expect(path).toBe('/queues?queue=workflow-recipe&state=COMPLETED&q=assign+recipe');
    const [pathname, query] = path.split('?');
    expect(parseQueuesRoute(pathname!, query!)).toEqual({
      name: 'queues',
      queue: 'workflow-recipe',
      state: 'COMPLETED',
      search: 'assign recipe',
    });
  });
});
