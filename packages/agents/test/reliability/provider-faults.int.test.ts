import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnthropicAdapter } from "../../src/adapters/anthropic-adapter";
import { enqueueAgentJob } from "../../src/producer/enqueue-agent-job";
import { type FakeAnthropic, type FakeBehaviour, startFakeAnthropic } from "../fake-anthropic/server";
import { createTestTenant } from "../fixtures";
import { type Harness, startHarness } from "../harness";
import { auditTenants, cacheOutcomes, judgeOutcomes } from "./audit";
import { recordScenario, scale } from "./scenario-report";

const JOBS = scale(150, 1000);
const FAULT_RATE = 0.3;
const TASKS = [
  { role: "social-post-writer", topic: "Harvest festival caption", channel: "instagram" },
  { role: "email-writer", topic: "Your order is on its way" },
  { role: "blog-writer", topic: "How we roast for espresso" },
  { role: "social-post-writer", topic: "New mug drop", channel: "x" },
  { role: "blog-writer", topic: "A long guide to water chemistry", outputLengthTarget: 5000, requiresReasoning: true },
];

/** Every kind of trouble the real API gives, picked at random. */
const FAULTS: [string, () => FakeBehaviour][] = [
  ["429 retry-after", () => ({ kind: "error", status: 429, retryAfterMs: 100 + Math.floor(Math.random() * 200) })],
  ["529 overloaded", () => ({ kind: "error", status: 529 })],
  ["500", () => ({ kind: "error", status: 500 })],
  ["timeout", () => ({ kind: "slow", delayMs: 1200, then: { kind: "ok" } })],
  ["connection reset", () => ({ kind: "reset" })],
  ["malformed JSON", () => ({ kind: "malformed" })],
  ["stream cut half-way", () => ({ kind: "stream_cut" })],
];

let fake: FakeAnthropic;
let h: Harness;
const injected = new Map<string, number>();

beforeAll(async () => {
  fake = await startFakeAnthropic();
  fake.setDefault(() => {
    if (Math.random() >= FAULT_RATE) return { kind: "ok" };
    const [name, make] = FAULTS[Math.floor(Math.random() * FAULTS.length)]!;
    injected.set(name, (injected.get(name) ?? 0) + 1);
    return make();
  });
  const adapter = createAnthropicAdapter({ apiKey: "sk-ant-reliability", baseURL: fake.baseURL, timeoutMs: 400 });
  h = await startHarness({ adapter, concurrency: 20 });
});
afterAll(async () => {
  await h.close();
  await fake.close();
});

describe("reliability: provider faults", () => {
  it(`ends all ${JOBS} jobs, succeeded or failed with a reason, under ${FAULT_RATE * 100}% faults`, async () => {
    const tenants = await Promise.all(
      // Half the runs are judged, so the judge's calls meet the same faults (a failed judge never fails a run).
      Array.from({ length: 5 }, () =>
        createTestTenant(h.db, {
          balanceMicros: 500_000_000,
          adapter: "anthropic",
          judge: "sample",
          judgePercent: 50,
          contextFile: { tokens: 2_000 },
        }),
      ),
    );
    const runIds: string[] = [];
    for (let i = 0; i < JOBS; i += 25) {
      const batch = Array.from({ length: Math.min(25, JOBS - i) }, (_, k) =>
        enqueueAgentJob(h, {
          tenantId: tenants[(i + k) % 5]!.tenant.id,
          input: { ...TASKS[(i + k) % TASKS.length]!, topic: `${TASKS[(i + k) % TASKS.length]!.topic} #${i + k}` },
        }),
      );
      runIds.push(...(await Promise.all(batch)).map((r) => r.run.id));
    }
    await h.waitForRuns(runIds, scale(120_000, 600_000));
    const audit = await auditTenants(
      h.db,
      tenants.map((t) => t.tenant.id),
    );
    // Blogs route to Sonnet, whose minimum the tenants' prefixes pass: cached runs meet the faults too.
    const cached = await cacheOutcomes(h.db, runIds);
    expect(cached.cacheReadRuns).toBeGreaterThan(0);
    const faults = [...injected.values()].reduce((a, b) => a + b, 0);
    recordScenario("1 provider faults", {
      tried: {
        jobs: JOBS,
        providerCalls: fake.requests.length,
        faultsInjected: faults,
        ...Object.fromEntries([...injected].sort()),
      },
      found: { ...audit.found, ...(await judgeOutcomes(h.db, runIds)), ...cached },
      lost: audit.lost,
    });
    expect(faults).toBeGreaterThan(JOBS * 0.15);
    expect(audit.found.succeeded + audit.found.failed).toBe(JOBS);
    expect(
      Object.values(audit.lost).every((v) => v === 0),
      JSON.stringify(audit.lost),
    ).toBe(true);
  });
});
