import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BatchLoader, loaderFor } from './loader.js';

const operation = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;
const query = operation('{ a }');
const subscription = operation('subscription { a }');

function counting() {
  const calls: string[][] = [];
  const loadMany = async (keys: string[]) => {
    calls.push(keys);
    return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, `value of ${k}`]));
  };
  return { calls, loadMany };
}

describe('BatchLoader', () => {
  it('loads every key asked for in one tick with one call, and each key once', async () => {
    const { calls, loadMany } = counting();
    const loader = new BatchLoader(loadMany);
    const values = await Promise.all([
      loader.load('a'),
      loader.load('b'),
      loader.load('a'),
      loader.load('missing'),
    ]);
    expect(values).toEqual(['value of a', 'value of b', 'value of a', null]);
    expect(calls).toEqual([['a', 'b', 'missing']]);
    expect(await loader.load('b')).toBe('value of b');
    expect(calls).toHaveLength(1);
  });

  it('rejects every waiter of a failed batch and forgets the keys, so a later load retries', async () => {
    let fail = true;
    const loader = new BatchLoader(async (keys: string[]) => {
      if (fail) throw new Error('database down');
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    await expect(Promise.all([loader.load('a'), loader.load('b')])).rejects.toThrow('database down');
    fail = false;
    expect(await loader.load('a')).toBe('A');
  });
});

describe('loaderFor', () => {
  it('shares one loader per request: a query context', async () => {
    const { calls, loadMany } = counting();
    const context = {};
    const info = { operation: query, rootValue: undefined };
    await loaderFor(context, info, 'thing', loadMany).load('a');
    await loaderFor(context, info, 'thing', loadMany).load('a');
    expect(calls).toEqual([['a']]);
    await loaderFor({}, info, 'thing', loadMany).load('a');
    expect(calls).toHaveLength(2);
  });

  it('gives each subscription event loaders of its own, though the context lives as long as the subscription', async () => {
    const { calls, loadMany } = counting();
    const context = {};
    const first = { operation: subscription, rootValue: { event: 1 } };
    const second = { operation: subscription, rootValue: { event: 2 } };
    await loaderFor(context, first, 'thing', loadMany).load('a');
    await loaderFor(context, first, 'thing', loadMany).load('a');
    await loaderFor(context, second, 'thing', loadMany).load('a');
    expect(calls).toEqual([['a'], ['a']]);
  });

  it('keeps loaders of different names apart', async () => {
    const one = counting();
    const two = counting();
    const context = {};
    const info = { operation: query, rootValue: undefined };
    await loaderFor(context, info, 'one', one.loadMany).load('a');
    await loaderFor(context, info, 'two', two.loadMany).load('a');
    expect([one.calls, two.calls]).toEqual([[['a']], [['a']]]);
  });
});
