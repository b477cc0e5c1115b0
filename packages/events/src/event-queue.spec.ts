import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';

describe('EventQueue', () => {
  it('delivers pushed items in order, then ends after the queue drains', async () => {
    let closed = 0;
    const queue = new EventQueue<number>(() => closed++);
    queue.push(1);
    queue.push(2);
    queue.end();
    queue.push(3);
    expect(closed).toBe(0);
    const seen: number[] = [];
    for await (const n of queue) seen.push(n);
    expect(seen).toEqual([1, 2]);
    expect(closed).toBe(1);
  });

  it('ends a pending next() at once on return(), and closes exactly once', async () => {
    let closed = 0;
    const queue = new EventQueue<number>(() => closed++);
    const pending = queue.next();
    await queue.return();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    await queue.return();
    expect(closed).toBe(1);
  });

  it('hands a pushed item straight to a waiting consumer', async () => {
    const queue = new EventQueue<string>(() => undefined);
    const pending = queue.next();
    queue.push('event');
    await expect(pending).resolves.toEqual({ value: 'event', done: false });
  });

  it('counts what the consumer has not pulled yet', async () => {
    const queue = new EventQueue<number>(() => undefined);
    queue.push(1);
    queue.push(2);
    expect(queue.size).toBe(2);
    await queue.next();
    expect(queue.size).toBe(1);
  });

  it('fails a consumer that falls more than its limit behind, and lets the producer go at once', async () => {
    let closed = 0;
    const queue = new EventQueue<number>(() => closed++, { limit: 2 });
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(closed).toBe(1);
    expect(queue.isEnded).toBe(true);
    queue.push(4);
    await expect(queue.next()).resolves.toEqual({ value: 1, done: false });
    await expect(queue.next()).resolves.toEqual({ value: 2, done: false });
    await expect(queue.next()).rejects.toThrow('fell more than 2 events behind');
    await queue.return();
    expect(closed).toBe(1);
  });

  it('rejects a waiting consumer on fail()', async () => {
    let closed = 0;
    const queue = new EventQueue<number>(() => closed++);
    const pending = queue.next();
    queue.fail(new Error('reader lost'));
    await expect(pending).rejects.toThrow('reader lost');
    expect(closed).toBe(1);
    queue.end();
    expect(closed).toBe(1);
  });
});
