/** A wait that the caller's AbortSignal cuts short, so a cancelled job does not sit out a backoff. */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  await new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  // An abort ended the wait early: reject with the signal's reason, as the caller's signal set it.
  signal?.throwIfAborted();
}
