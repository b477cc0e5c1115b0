import { createHash, randomBytes } from 'node:crypto';

/**
 * A number in [0, 1) fixed by the seed and the keys. Each draw is keyed (by OUS id, run, …) rather
 * than taken from one sequence, so the outcome of an OUS does not depend on which worker got to it
 * first: a test that fixes the seed gets the same recipes and failures at any concurrency.
 */
export function draw(seed: string, ...keys: (string | number)[]): number {
  const digest = createHash('sha256').update(seed).update('\0').update(keys.join('\0')).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}

/** Picks one of `choices` with the given weights (any positive scale), using `draw`. */
export function pick<T>(
  choices: readonly (readonly [T, number])[],
  seed: string,
  ...keys: (string | number)[]
): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let x = draw(seed, ...keys) * total;
  for (const [value, weight] of choices) {
    if (x < weight) return value;
    x -= weight;
  }
  return choices[choices.length - 1]![0];
}

/** `size` deterministic bytes for the seed and keys (SHA-256 in counter mode). */
export function seededBytes(size: number, seed: string, ...keys: (string | number)[]): Buffer {
  const out = Buffer.alloc(size);
  for (let block = 0, at = 0; at < size; block++, at += 32) {
    createHash('sha256')
      .update(seed)
      .update('\0')
      .update(keys.join('\0'))
      .update(`\0${block}`)
      .digest()
      .copy(out, at);
  }
  return out;
}

/** A fresh seed for a process that was given none. */
export function randomSeed(): string {
  return randomBytes(8).toString('hex');
}
