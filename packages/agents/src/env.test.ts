import { readFileSync } from "node:fs";
import { dbEnv } from "@switchyard/db";
import { describe, expect, it } from "vitest";
import { parseAgentsEnv, webhookSettings } from "./env";
import { parseSpecialistsEnv } from "./specialists";

/** .env.example as `scripts/up.sh` copies it to .env: every line NAME=value, comments skipped. */
function envExample(): Record<string, string> {
  const text = readFileSync(new URL("../../../.env.example", import.meta.url), "utf8");
  const source: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined) source[match[1]] = match[2] ?? "";
  }
  return source;
}

describe("the environment .env.example gives (the quick start's .env)", () => {
  it("passes every package's validation as it stands, empty values included", () => {
    const source = envExample();
    expect(Object.keys(source).length).toBeGreaterThan(20);
    expect(source.LOG_FORMAT).toBe("");
    const env = parseAgentsEnv(source);
    expect(env.LOG_FORMAT).toBeUndefined();
    expect(() => parseSpecialistsEnv(source)).not.toThrow();
    expect(() => dbEnv(source)).not.toThrow();
  });
});

describe("parseAgentsEnv", () => {
  it("fills defaults and treats an empty Anthropic key as absent", () => {
    const env = parseAgentsEnv({ ANTHROPIC_API_KEY: "" });
    expect(env.ANTHROPIC_API_KEY).toBeUndefined();
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect([env.LANE_FAST_CONCURRENCY, env.LANE_STANDARD_CONCURRENCY, env.LANE_HEAVY_CONCURRENCY]).toEqual([
      50, 20, 10,
    ]);
    expect(env.LANE_FAST_RATE_PER_MINUTE).toBe(0);
  });

  it.each([
    [{ REDIS_URL: "http://x" }, /REDIS_URL/],
    [{ SIMULATED_FAILURE_RATE: "2" }, /SIMULATED_FAILURE_RATE/],
    [{ LANE_HEAVY_CONCURRENCY: "zero" }, /LANE_HEAVY_CONCURRENCY/],
    [{ LANE_FAST_RATE_PER_MINUTE: "-1" }, /LANE_FAST_RATE_PER_MINUTE/],
    [{ SIMULATED_LATENCY_MS_MIN: "900", SIMULATED_LATENCY_MS_MAX: "10" }, /SIMULATED_LATENCY_MS_MIN/],
  ])("rejects %o naming the variable", (source, pattern) => {
    expect(() => parseAgentsEnv(source)).toThrow(pattern);
  });
});

describe("webhookSettings", () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: "production" }, false],
    [{ NODE_ENV: "production", WEBHOOK_ALLOW_PRIVATE_TARGETS: "" }, false],
    [{ NODE_ENV: "production", WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" }, true],
    [{ NODE_ENV: "test", WEBHOOK_ALLOW_PRIVATE_TARGETS: "false" }, false],
  ])("private targets with %j allowed: %s", (source, isAllowed) => {
    expect(webhookSettings(parseAgentsEnv(source)).isPrivateTargetAllowed).toBe(isAllowed);
  });

  it("refuses a setting that is neither true nor false", () => {
    expect(() => parseAgentsEnv({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "yes" })).toThrow(/WEBHOOK_ALLOW_PRIVATE_TARGETS/);
  });
});
