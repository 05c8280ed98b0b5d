import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeSie, startFakeSie } from "../../test/fake-sie/server";
import { isSpecialistError } from "./errors";
import { createSpecialists } from "./factory";
import type { SpecialistJob } from "./fallback-provider";

let fake: FakeSie;
beforeAll(async () => void (fake = await startFakeSie()));
afterAll(() => fake.close());
afterEach(() => fake.setDefault({ kind: "ok" }));

function specialists(fallbackToLocal: boolean) {
  const fellBack: SpecialistJob[] = [];
  const provider = createSpecialists({
    sieUrl: fake.baseUrl,
    maxRetries: 0,
    timeoutMs: 200,
    fallbackToLocal,
    onFallback: (job) => void fellBack.push(job),
  });
  return { provider, fellBack };
}

const jobs = {
  similarity: (p: ReturnType<typeof specialists>["provider"]) => p.similarity("spring sale", ["spring sale now"]),
  rank: (p: ReturnType<typeof specialists>["provider"]) => p.rank("spring sale", ["spring sale now"]),
  extract: (p: ReturnType<typeof specialists>["provider"]) => p.extract("Post for parents next Friday"),
};

describe("falling back to the local provider", () => {
  it.each(Object.keys(jobs) as SpecialistJob[])("answers %s locally while SIE is down, and says so", async (job) => {
    fake.setDefault({ kind: "error", status: 503 });
    const { provider, fellBack } = specialists(true);
    const result = await jobs[job](provider);
    expect(result.source.provider).toBe("local");
    expect(fellBack).toEqual([job]);
  });

  it.each([
    { what: "a timeout", behaviour: { kind: "slow", delayMs: 1000 } as const },
    { what: "a terminal model-load failure", behaviour: { kind: "error", status: 502 } as const },
  ])("falls back on $what", async ({ behaviour }) => {
    fake.setDefault(behaviour);
    const { provider } = specialists(true);
    expect((await provider.rank("q", ["d"])).source.provider).toBe("local");
  });

  it.each([
    {
      what: "a malformed answer",
      behaviour: { kind: "malformed", variant: "wrong_shape" } as const,
      kind: "malformed_response",
    },
    { what: "a rejected request", behaviour: { kind: "error", status: 400 } as const, kind: "bad_request" },
  ])("does not hide $what", async ({ behaviour, kind }) => {
    fake.setDefault(behaviour);
    const { provider, fellBack } = specialists(true);
    const error = await provider.rank("q", ["d"]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isSpecialistError(error) && error.kind).toBe(kind);
    expect(fellBack).toEqual([]);
  });

  it("throws the outage when fallback is off", async () => {
    fake.setDefault({ kind: "error", status: 503 });
    const error = await specialists(false)
      .provider.rank("q", ["d"])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isSpecialistError(error, "unavailable")).toBe(true);
  });
});
