export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * A timer that an AbortSignal can cut short (a worker shutting down, a cancelled job): it then rejects with
 * the signal's reason, thrown by `throwIfAborted`.
 */
export const sleep: Sleep = async (ms, signal) => {
  signal?.throwIfAborted();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
  signal?.throwIfAborted();
};
