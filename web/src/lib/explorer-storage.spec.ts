import { describe, expect, it } from 'vitest';
import { clearExplorerStorage, explorerNamespace } from './explorer-storage';

/** A Web Storage with the browser's semantics (keys in insertion order), for the node test environment. */
function memoryStorage(entries: Record<string, string>): Storage {
  const items = new Map(Object.entries(entries));
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

describe('explorer storage', () => {
  it('gives each user a namespace of their own', () => {
    expect(explorerNamespace('u1')).not.toBe(explorerNamespace('u2'));
  });

  it("clears the signed-out user's tabs and history, and GraphiQL's unscoped keys, and nothing else", () => {
    const storage = memoryStorage({
      [`${explorerNamespace('u1')}:graphiql:tabState`]: '{"tabs":[{"query":"{ me { id } }"}]}',
      [`${explorerNamespace('u1')}:graphiql:queries`]: '[]',
      [`${explorerNamespace('u2')}:graphiql:tabState`]: '{"tabs":[]}',
      'graphiql:tabState': '{"tabs":[{"query":"{ old }"}]}',
      'opshub.token': 'abc',
    });
    clearExplorerStorage('u1', () => storage);
    const left = Array.from({ length: storage.length }, (_, i) => storage.key(i));
    expect(left.sort()).toEqual([`${explorerNamespace('u2')}:graphiql:tabState`, 'opshub.token']);
  });
});

describe('explorer storage where the browser refuses it', () => {
  it('clears nothing and does not throw', () => {
    expect(() =>
      clearExplorerStorage('u1', () => {
        throw new Error('SecurityError: storage disabled');
      }),
    ).not.toThrow();
  });
});
