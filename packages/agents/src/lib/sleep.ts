export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A timer that an AbortSignal can cut short (a worker shutting down, a cancelled job). */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
