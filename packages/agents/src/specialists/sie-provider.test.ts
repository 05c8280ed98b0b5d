import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeSie, startFakeSie } from "../../test/fake-sie/server";
import { isSpecialistError } from "./errors";
import { createSieClient } from "./sie/client";
import { createSieProvider, type SieProviderOptions } from "./sie-provider";

let fake: FakeSie;
beforeAll(async () => void (fake = await startFakeSie()));
afterAll(() => fake.close());
afterEach(() => void (fake.requests.length = 0));

const now = new Date("2026-02-11T09:00:00Z");
function provider(options: Partial<SieProviderOptions> = {}) {
  const client = createSieClient({ baseUrl: fake.baseUrl, maxRetries: 0 });
  return createSieProvider({ client, clock: () => now, ...options });
}

describe("SIE provider against the fake SIE", () => {
  it("scores similarity as the cosine of dense embeddings, in the candidates' order", async () => {
    const draft = "Book a demo of Acme Ledger this week and close your books in an afternoon.";
    const result = await provider().similarity(draft, [
      "Our bakery opens a second shop in Leeds.",
      "This week, book an Acme Ledger demo and close the books in an afternoon.",
    ]);
    expect(result.source).toEqual({ provider: "sie", model: "BAAI/bge-m3" });
    expect(result.scores[1]).toBeGreaterThan(0.7);
    expect(result.scores[0]).toBeLessThan(result.scores[1]! - 0.4);
    expect(fake.requests.map((r) => r.path)).toEqual(["/v1/encode/BAAI/bge-m3"]);
  });

  it("splits long candidate lists into batches and keeps them in order", async () => {
    const texts = ["one", "two", "three", "four", "five"];
    const result = await provider({ batchSize: 2 }).similarity("three", texts);
    expect(fake.requests).toHaveLength(3);
    expect(result.scores.indexOf(Math.max(...result.scores))).toBe(2);
  });

  it("asks nothing of SIE for an empty candidate list", async () => {
    expect((await provider().similarity("draft", [])).scores).toEqual([]);
    expect((await provider().rank("brief", [])).ranking).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it("ranks with the cross-encoder and maps SIE's item ids back to positions", async () => {
    const result = await provider({ models: { score: "cross-encoder/ms-marco-MiniLM-L-6-v2" } }).rank(
      "email about the spring sale on running shoes",
      ["Board update on hiring", "Running club meets Sundays", "Spring sale on running shoes, by email"],
    );
    expect(result.ranking.map((r) => r.index)).toEqual([2, 1, 0]);
    expect(result.source).toEqual({ provider: "sie", model: "cross-encoder/ms-marco-MiniLM-L-6-v2" });
  });

  it("turns extracted spans into brief fields, keeping only dictionary products", async () => {
    const result = await provider().extract(
      "Email for small business owners about Acme Payroll and Other Vendor Suite by March 3. Sign up. Why now?",
      { products: ["Acme Payroll"] },
    );
    expect(result).toMatchObject({
      products: ["Acme Payroll"],
      dates: [{ text: "March 3", start: "2026-03-03" }],
      audience: ["small business owners"],
      callsToAction: ["sign up"],
      needsAnalysis: true,
      analysisCues: ["why"],
      source: { provider: "sie", model: "urchade/gliner_multi-v2.1" },
    });
    const body = fake.requests[0]?.body as { params: { labels: string[]; options: { threshold: number } } };
    expect(body.params.labels).toEqual(["product", "date", "audience", "call to action", "analysis cue"]);
    expect(body.params.options.threshold).toBe(0.5);
  });

  it("drops spans under the confidence threshold", async () => {
    // The fake scores capitalised-phrase products at 0.6 and audiences at 0.7.
    const result = await provider({ extractThreshold: 0.65 }).extract("Post for busy parents about Acme Payroll");
    expect(result.products).toEqual([]);
    expect(result.audience).toEqual(["busy parents"]);
  });

  it("keeps the spans as found when no dictionary is given", async () => {
    const result = await provider().extract("Launch post for Acme Payroll and Other Vendor Suite");
    expect(result.products).toEqual(["Acme Payroll", "Other Vendor Suite"]);
  });

  it("passes SIE's typed errors through", async () => {
    const error = await provider({ models: { encode: "acme/missing" } })
      .similarity("a", ["b"])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isSpecialistError(error, "unknown_model")).toBe(true);
  });
});
