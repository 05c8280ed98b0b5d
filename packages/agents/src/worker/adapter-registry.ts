import { createAnthropicAdapter } from "../adapters/anthropic-adapter";
import { createAnthropicBatchAdapter } from "../adapters/anthropic-batch-adapter";
import type { BatchAdapter } from "../adapters/batch-types";
import { createSimulatedBatchAdapter } from "../adapters/simulated-batch-adapter";
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
  const resolve = (configured: string): AdapterName =>
    configured === "anthropic" || configured === "simulated" ? configured : defaultName;
  const adapterFor = (configured: string): LlmAdapter => {
    const name = resolve(configured);
    let adapter = cache.get(name);
    if (!adapter) cache.set(name, (adapter = build(name)));
    return adapter;
  };
  const batchCache = new Map<AdapterName, BatchAdapter>();
  const buildBatch = (name: AdapterName): BatchAdapter => {
    // Batch results are written when the batch ends, not per call: no per-call latency to simulate.
    if (name === "simulated") return createSimulatedBatchAdapter({ processingMs: env.SIMULATED_BATCH_MS });
    if (!env.ANTHROPIC_API_KEY)
      throw new Error("This agent is configured for the anthropic adapter but ANTHROPIC_API_KEY is not set.");
    return createAnthropicBatchAdapter({ apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL });
  };
  /** The Message Batches provider for a config's adapter setting, resolved as `adapterFor` resolves it. */
  const batchAdapterFor = (configured: string): BatchAdapter => {
    const name = resolve(configured);
    let adapter = batchCache.get(name);
    if (!adapter) batchCache.set(name, (adapter = buildBatch(name)));
    return adapter;
  };
  return { defaultName, adapterFor, batchAdapterFor };
}
