import "server-only";
import { SwitchyardError } from "@switchyard/agents";
import { apiEnv } from "./env";

/** More requests in flight in this process than it takes at once: answered 503 with Retry-After. */
export class OverloadedError extends SwitchyardError {
  readonly retryAfterSeconds = 1;
  constructor(limit: number) {
    super(
      "overloaded",
      `This server has ${String(limit)} job requests in flight, its limit; nothing was enqueued. Retry in 1 s.`,
    );
  }
}

const state = globalThis as unknown as { switchyardInFlight?: number };

/**
 * Load held at the door: past API_MAX_IN_FLIGHT requests at once in this process, a request is refused at
 * once (503, Retry-After: 1) instead of waiting behind the others for a database connection, so an overload
 * is answered quickly and nothing hangs. The requests it lets in keep their latency.
 */
export async function admitted<T>(work: () => Promise<T>): Promise<T> {
  const limit = apiEnv().API_MAX_IN_FLIGHT;
  const inFlight = state.switchyardInFlight ?? 0;
  if (limit > 0 && inFlight >= limit) throw new OverloadedError(limit);
  state.switchyardInFlight = inFlight + 1;
  try {
    return await work();
  } finally {
    state.switchyardInFlight = (state.switchyardInFlight ?? 1) - 1;
  }
}
