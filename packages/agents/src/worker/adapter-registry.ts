import { createAnthropicAdapter } from "../adapters/anthropic-adapter";
import { createSimulatedAdapter } from "../adapters/simulated-adapter";
import type { LlmAdapter } from "../adapters/types";
import type { AgentsEnv } from "../env";

export type AdapterName = LlmAdapter["name"];

/**
 * Resolves an AgentConfig's adapter setting. "auto" means the real API when a key
 * is configured and the offline simulated provider otherwise, so a machine with no
 * network still runs end to end — and every run records which one it used.
 */
export function createAdapterRegistry(env: AgentsEnv) {
  const defaultName: AdapterName = env.ANTHROPIC_API_KEY ? "anthropic" : "simulated";
  const cache = new Map<AdapterName, LlmAdapter>();
  const build = (name: AdapterName): LlmAdapter => {
    if (name === "simulated") {
      return createSimulatedAdapter({
        latencyMs: [env.SIMULATED_LATENCY_MS_MIN, env.SIMULATED_LATENCY_MS_MAX],
        failureRate: env.SIMULATED_FAILURE_RATE,
      });
    }
    if (!env.ANTHROPIC_API_KEY)
      throw new Error("This agent is configured for the anthropic adapter but ANTHROPIC_API_KEY is not set.");
    return createAnthropicAdapter({ apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL });
  };
  const adapterFor = (configured: string): LlmAdapter => {
    const name: AdapterName = configured === "anthropic" || configured === "simulated" ? configured : defaultName;
    let adapter = cache.get(name);
    if (!adapter) cache.set(name, (adapter = build(name)));
    return adapter;
  };
  return { defaultName, adapterFor };
}
