import { startFakeAnthropic } from "../../test/fake-anthropic/server";
import { createAnthropicAdapter } from "./anthropic-adapter";
import { describePromptCacheContract } from "./prompt-cache.contract";

describePromptCacheContract("the anthropic adapter against the fake Messages API", async () => {
  let now = 1_700_000_000_000;
  const fake = await startFakeAnthropic({ now: () => now });
  const adapter = createAnthropicAdapter({ apiKey: "sk-ant-test", baseURL: fake.baseURL, timeoutMs: 2000 });
  return { adapter, advance: (ms) => void (now += ms), close: fake.close };
});
