import { describe, expect, it } from 'vitest';
import { applyJob, deliverySeries, JOB_STATES, jobTone, matchesJob } from './dqm-square';

const job = (id: string, run: number, host: string, state: string, client = 'beam') => ({
  id,
  run,
  host,
  state,
  client,
});

describe('job states', () => {
  it('lists every state in the mirror order with its tone', () => {
    expect(JOB_STATES).toEqual(['RUNNING', 'FINISHED', 'CRASHED', 'STUCK']);
    expect(JOB_STATES.map(jobTone)).toEqual(['busy', 'good', 'bad', 'warn']);
    expect(jobTone('SOMETHING_NEW')).toBe('neutral');
  });
});

describe('applyJob', () => {
  const any = { state: null, host: null, run: null };
  const table = [job('a', 2, 'fu-01', 'RUNNING'), job('b', 1, 'fu-01', 'RUNNING')];

  it('replaces a job in place and adds a new one in the table order (newest run first)', () => {
    const crashed = applyJob(table, job('b', 1, 'fu-01', 'CRASHED'), any, 10);
    expect(crashed.map((j) => `${j.id}:${j.state}`)).toEqual(['a:RUNNING', 'b:CRASHED']);
    const added = applyJob(table, job('c', 3, 'fu-02', 'RUNNING'), any, 10);
    expect(added.map((j) => j.id)).toEqual(['c', 'a', 'b']);
    expect(applyJob(table, job('c', 3, 'fu-02', 'RUNNING'), any, 2).map((j) => j.id)).toEqual(['c', 'a']);
  });

  it('drops a job that leaves the filter and ignores one that never matched', () => {
    const running = { state: 'RUNNING', host: null, run: null };
    expect(applyJob(table, job('a', 2, 'fu-01', 'FINISHED'), running, 10).map((j) => j.id)).toEqual(['b']);
    expect(applyJob(table, job('z', 9, 'fu-09', 'CRASHED'), running, 10)).toBe(table);
    expect(matchesJob({ state: null, host: 'fu-02', run: null }, job('x', 1, 'fu-01', 'RUNNING'))).toBe(
      false,
    );
  });
});

describe('deliverySeries', () => {
  it('aligns streams on one lumisection axis with gaps', () => {
    const d = (stream: string, lumisection: number, delaySeconds: number) => ({
      stream,
      lumisection,
      delaySeconds,
      acceptedEvents: 1,
    });
    const s = deliverySeries([d('B', 2, 5), d('A', 1, 3), d('A', 3, 4)], (x) => x.delaySeconds);
    expect(s.streams).toEqual(['A', 'B']);
    expect(s.data).toEqual([
      [1, 2, 3],
      [3, null, 4],
      [null, 5, null],
    ]);
  });
});
