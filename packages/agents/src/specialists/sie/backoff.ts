/** How long to wait between attempts. */
export interface BackoffOptions {
  /** Delay cap before the first retry; doubles each retry. @defaultValue 100 */
  baseDelayMs: number;
  /** No wait exceeds this, including a server's Retry-After. @defaultValue 5000 */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 100, maxDelayMs: 5000 };

/**
 * Exponential backoff with "equal jitter": half the capped exponential delay is fixed, half random.
 * The random half spreads many workers that failed together; the fixed half keeps a retry from firing
 * at once into a server that just said it was overloaded. A server's Retry-After wins over the formula
 * (SIE sends one while a model loads) but is still capped, so a bad header cannot stall a job.
 *
 * @param retry 1 for the first retry, 2 for the second, …
 * @param random a number in [0, 1); injectable so tests are exact.
 */
export function backoffDelayMs(
  retry: number,
  options: BackoffOptions,
  random: () => number,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxDelayMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}
