// The explorer's own storage (GraphiQL's tabs, history, variables), one namespace per user: on a shared
// browser the next user must not see the previous one's queries. Kept free of GraphiQL and React so the
// session (main bundle) can clear it at sign-out without loading the explorer.

/** The key prefix GraphiQL's storage gets for `userId` (GraphiQL adds its own `graphiql:` after it). */
export function explorerNamespace(userId: string): string {
  return `opshub.explorer.${userId}`;
}

/** GraphiQL's default namespace: what the explorer stored before it was per user. */
const UNSCOPED_PREFIX = 'graphiql:';

/** The part of the Web Storage interface that clearing needs. */
export type KeyedStorage = Pick<Storage, 'length' | 'key' | 'removeItem'>;

/**
 * Removes everything the explorer stored for `userId`, and anything GraphiQL stored unscoped (an older
 * build's, shared by every user). Storage that cannot be read (private mode) holds nothing to clear.
 */
export function clearExplorerStorage(userId: string, storageOf: () => KeyedStorage): void {
  const prefix = `${explorerNamespace(userId)}:`;
  try {
    const storage = storageOf(); // reading `localStorage` itself throws where storage is disabled
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key !== null && (key.startsWith(prefix) || key.startsWith(UNSCOPED_PREFIX))) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // storage disabled: nothing was kept
  }
}
