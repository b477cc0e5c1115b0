import { describe, expect, it } from 'vitest';
import { Channel } from './channel.js';

describe('Channel', () => {
  it('delivers pushed items in order, then ends after the queue drains', async () => {
    let closed = 0;
    const channel = new Channel<number>(() => closed++);
    channel.push(1);
    channel.push(2);
    channel.end();
    channel.push(3);
    const seen: number[] = [];
    for await (const n of channel) seen.push(n);
    expect(seen).toEqual([1, 2]);
    expect(closed).toBe(1);
  });

  it('ends a pending next() at once on return(), and closes exactly once', async () => {
    let closed = 0;
    const channel = new Channel<number>(() => closed++);
    const pending = channel.next();
    await channel.return();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    await channel.return();
    expect(closed).toBe(1);
  });

  it('hands a pushed item straight to a waiting consumer', async () => {
    const channel = new Channel<string>(() => undefined);
    const pending = channel.next();
    channel.push('event');
    await expect(pending).resolves.toEqual({ value: 'event', done: false });
  });
});
