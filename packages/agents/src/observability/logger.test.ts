import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { chooseLogFormat, createLogger } from "./logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

const SECRET = "sk-ant-api03-secret-value-that-must-not-appear";

describe("createLogger", () => {
  it("writes one JSON object per line with the ids, and censors secrets at every depth it logs at", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ name: "test", destination: stream });
    const ids = { tenantId: "t-1", runId: "r-1", lane: "fast", attempt: 2 };
    logger.info({ ...ids, apiKey: SECRET, password: SECRET }, "top level");
    logger.info({ ...ids, request: { headers: { authorization: `Bearer ${SECRET}`, "x-api-key": SECRET } } }, "nested");
    logger.info({ env: { ANTHROPIC_API_KEY: SECRET, SESSION_SECRET: SECRET, METRICS_TOKEN: SECRET } }, "env");
    logger.warn({ err: { headers: { authorization: SECRET } }, user: { passwordHash: SECRET } }, "deeper");
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed).toMatchObject({ name: "test" });
      expect(typeof parsed.time).toBe("string");
      expect(line).not.toContain(SECRET);
    }
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ ...ids, level: "info", apiKey: "[redacted]" });
    expect(JSON.parse(lines[1] ?? "")).toMatchObject({
      request: { headers: { authorization: "[redacted]", "x-api-key": "[redacted]" } },
    });
  });

  it.each([
    [{ configured: "pretty" as const, nodeEnv: "production", isTerminal: false }, "pretty"],
    [{ nodeEnv: "production", isTerminal: true }, "json"],
    [{ nodeEnv: "development", isTerminal: true }, "pretty"],
    [{ nodeEnv: undefined, isTerminal: false }, "json"],
  ])("chooses the format %o → %s", (settings, format) => {
    expect(chooseLogFormat(settings)).toBe(format);
  });
});
