/** Runs `start` and fails with `error()` after `ms`; `abandon` gets the result if it comes later. */
export function withTimeout<T>(
  ms: number,
  error: () => Error,
  start: (done: (e: Error | null | undefined, value?: T) => void) => void,
  abandon?: (value: T | undefined, e: Error | null | undefined) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(error());
    }, ms);
    start((e, value) => {
      if (settled) return abandon?.(value, e);
      settled = true;
      clearTimeout(timer);
      if (e) reject(e);
      else resolve(value as T);
    });
  });
}
