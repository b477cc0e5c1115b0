import { describe, expect, it } from 'vitest';
import { bytes, Progress } from './progress.js';

function sink(isTTY: boolean) {
  const written: string[] = [];
  const out = Object.assign(
    {
      write: (s: string) => {
        written.push(s);
        return true;
      },
    },
    { isTTY },
  ) as unknown as NodeJS.WritableStream & { isTTY?: boolean };
  return { out, written };
}

describe('Progress', () => {
  it('writes plain lines when not on a terminal: the start, each tenth, the end', () => {
    const { out, written } = sink(false);
    const progress = new Progress(out, 'backup');
    progress.start('writing hub.tar', 10_000);
    for (let i = 0; i < 100; i++) progress.add(100);
    progress.end();
    expect(written).toEqual([
      'backup: writing hub.tar (9.8 kB)\n',
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(
        (t) => `backup: writing hub.tar ${t * 10}% (${bytes(t * 1000)} of 9.8 kB)\n`,
      ),
      'backup: writing hub.tar done, 9.8 kB\n',
    ]);
  });

  it('rewrites one line in place on a terminal, with the percent, and ends it with a newline', () => {
    const { out, written } = sink(true);
    const progress = new Progress(out, 'restore');
    progress.start('restoring the database', 4, (n) => `${n} items`);
    progress.add(1);
    progress.end('4 items');
    expect(written[0]).toBe('\r\x1b[Krestore: restoring the database 0% (0 items of 4 items)');
    expect(written.every((w) => w.startsWith('\r\x1b[K'))).toBe(true);
    expect(written.at(-1)).toBe('\r\x1b[Krestore: restoring the database done, 4 items\n');
  });
});
