/**
 * Synchronous work as a promise, for an implementation of an async interface that has nothing to wait for.
 * `compute` runs at once, as an async function's body would, and a throw becomes a rejection, not a throw.
 */
export function promiseOf<T>(compute: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(compute());
  });
}
