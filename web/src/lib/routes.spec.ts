import { describe, expect, it } from 'vitest';
import { deviceHref, ousHref, ousPath, parseRoute, workflowPath } from './routes';

describe('routes', () => {
  it('reads the pages from the hash path', () => {
    expect(parseRoute('/')).toEqual({ name: 'home' });
    expect(parseRoute('/login')).toEqual({ name: 'login' });
    expect(parseRoute('/dcs')).toEqual({ name: 'dcs' });
    expect(parseRoute('/workflow')).toEqual({ name: 'workflow', programId: null });
    expect(parseRoute('/workflow?program=2015.1.00657.S')).toEqual({
      name: 'workflow',
      programId: '2015.1.00657.S',
    });
    expect(parseRoute('/nope')).toEqual({ name: 'not-found', path: '/nope' });
    expect(parseRoute('/ous/')).toEqual({ name: 'not-found', path: '/ous/' });
  });

  it('round-trips OUS ids, slashes and all', () => {
    const id = 'uid://A001/X1/X1b';
    expect(ousPath(id)).toBe('/ous/uid%3A%2F%2FA001%2FX1%2FX1b');
    expect(ousHref(id)).toBe('#/ous/uid%3A%2F%2FA001%2FX1%2FX1b');
    expect(parseRoute(ousPath(id))).toEqual({ name: 'ous', id });
    // A hand-typed link without encoding still opens the OUS.
    expect(parseRoute('/ous/uid://A001/X1/X1b')).toEqual({ name: 'ous', id });
    expect(parseRoute('/ous/50%')).toEqual({ name: 'ous', id: '50%' });
  });

  it('writes the board filter into the path', () => {
    expect(workflowPath(null)).toBe('/workflow');
    expect(workflowPath('2015.1.00657.S')).toBe('/workflow?program=2015.1.00657.S');
    expect(parseRoute(workflowPath('a b&c'))).toEqual({ name: 'workflow', programId: 'a b&c' });
  });

  it('opens a device page, channel ids with their slash', () => {
    expect(deviceHref('module-1/hv')).toBe('#/dcs/device/module-1%2Fhv');
    expect(parseRoute(deviceHref('module-1/hv').slice(1))).toEqual({ name: 'device', id: 'module-1/hv' });
    expect(parseRoute('/dcs/device/module-1/hv')).toEqual({ name: 'device', id: 'module-1/hv' });
    expect(parseRoute('/dcs/device/')).toEqual({ name: 'not-found', path: '/dcs/device/' });
  });

  it('opens the queue admin and a job page', () => {
    expect(parseRoute('/queues?queue=alerts-ingest')).toEqual({
      name: 'queues',
      queue: 'alerts-ingest',
      state: 'FAILED',
      search: '',
    });
    expect(parseRoute('/queues/job/alerts-ingest/7')).toEqual({
      name: 'queue-job',
      queue: 'alerts-ingest',
      id: '7',
    });
    expect(parseRoute('/queues/nope')).toEqual({ name: 'not-found', path: '/queues/nope' });
  });
});
