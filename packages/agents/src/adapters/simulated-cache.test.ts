import { describePromptCacheContract } from "./prompt-cache.contract";
import { createSimulatedAdapter } from "./simulated-adapter";

describePromptCacheContract("the simulated provider", () => {
  let now = 1_700_000_000_000;
  const adapter = createSimulatedAdapter({ latencyMs: [0, 0], now: () => now });
  return Promise.resolve({ adapter, advance: (ms: number) => void (now += ms) });
});
