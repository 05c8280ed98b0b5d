import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeSie, startFakeSie } from "../../../test/fake-sie/server";
import { type SpecialistError, isSpecialistError } from "../errors";
import { createSieClient, type SieClientOptions } from "./client";

let fake: FakeSie;
beforeAll(async () => void (fake = await startFakeSie()));
afterAll(() => fake.close());
afterEach(() => {
  fake.requests.length = 0;
  fake.setDefault({ kind: "ok" });
});

/** Real HTTP to the fake; waits are recorded instead of slept so retry timing is asserted, not endured. */
function client(overrides: Partial<SieClientOptions> = {}) {
  const waits: number[] = [];
  const sie = createSieClient({
    baseUrl: fake.baseUrl,
    timeoutMs: 1000,
    maxRetries: 2,
    random: () => 0.5,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  });
  return { sie, waits };
}

async function failure(promise: Promise<unknown>): Promise<SpecialistError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isSpecialistError(error)) throw new Error(`expected a SpecialistError, got ${String(error)}`);
  return error;
}

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe("SIE client against the fake server", () => {
  it("encodes each item to a unit dense vector, naming the model in the path and asking for JSON", async () => {
    const { sie } = client({ apiKey: "k-123" });
    const response = await sie.encode("BAAI/bge-m3", {
      items: [
        { id: "a", text: "Book a demo of Acme Ledger this week" },
        { id: "b", text: "This week, book a demo of Acme Ledger" },
        { id: "c", text: "Our bakery opens a second shop in Leeds" },
      ],
    });
    expect(response.model).toBe("BAAI/bge-m3");
    const [a, b, c] = response.items.map((item) => item.dense?.values ?? []);
    expect(a).toHaveLength(1024);
    expect(cosine(a!, a!)).toBeCloseTo(1, 6);
    expect(cosine(a!, b!)).toBeGreaterThan(0.8);
    expect(cosine(a!, c!)).toBeLessThan(0.3);
    const request = fake.requests[0]!;
    expect(request.path).toBe("/v1/encode/BAAI/bge-m3");
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers.authorization).toBe("Bearer k-123");
  });

  it("scores items against a query, best first, with SIE's item ids", async () => {
    const { sie } = client();
    const response = await sie.score("BAAI/bge-reranker-v2-m3", {
      query: { text: "email announcing the spring sale on running shoes" },
      items: [{ text: "Quarterly board update on hiring" }, { text: "Spring sale: running shoes 30% off by email" }],
    });
    expect(response.scores.map((s) => [s.item_id, s.rank])).toEqual([
      ["item-1", 0],
      ["item-0", 1],
    ]);
    expect(response.scores[0]!.score).toBeGreaterThan(response.scores[1]!.score);
  });

  it("extracts entities for the labels asked for", async () => {
    const { sie } = client();
    const response = await sie.extract("urchade/gliner_multi-v2.1", {
      items: [{ id: "brief", text: "Post for small business owners by March 3: sign up for the beta." }],
      params: { labels: ["date", "call to action", "audience"], options: { threshold: 0.5 } },
    });
    const entities = response.items[0]!.entities ?? [];
    expect(entities.map((e) => [e.label, e.text])).toEqual([
      ["date", "March 3"],
      ["call to action", "sign up"],
      ["audience", "small business owners"],
    ]);
  });

  it.each(["float", "base64"] as const)("serves OpenAI-compatible embeddings (%s) as numbers", async (format) => {
    const { sie } = client();
    const result = await sie.embeddings({
      model: "sentence-transformers/all-MiniLM-L6-v2",
      input: ["launch day", "launch day!"],
      encoding_format: format,
    });
    expect(result.vectors).toHaveLength(2);
    expect(result.vectors[0]).toHaveLength(384);
    expect(cosine(result.vectors[0]!, result.vectors[1]!)).toBeCloseTo(1, 5);
    expect(result.usage.promptTokens).toBe(4);
  });
});

describe("SIE client retries", () => {
  it("retries a timed-out attempt and returns the next attempt's answer", async () => {
    const { sie, waits } = client({ timeoutMs: 100 });
    fake.enqueue({ kind: "slow", delayMs: 400 });
    const response = await sie.encode("BAAI/bge-m3", { items: [{ text: "hello" }] });
    expect(response.items).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
    expect(waits).toEqual([75]); // equal jitter at random 0.5: 100/2 + 0.5 * 100/2
  });

  it("gives up on a server that is always too slow with a timeout error naming the attempts", async () => {
    const { sie, waits } = client({ timeoutMs: 80, maxRetries: 2 });
    fake.setDefault({ kind: "slow", delayMs: 400 });
    const error = await failure(sie.score("BAAI/bge-reranker-v2-m3", { query: { text: "q" }, items: [{ text: "d" }] }));
    expect(error).toMatchObject({ kind: "timeout", attempts: 3, isRetryable: true });
    expect(error.message).toMatch(/within 80 ms.*SIE_TIMEOUT_MS.*gave up after 3 attempts/);
    expect(waits).toEqual([75, 150]);
  });

  it.each([
    { status: 503, code: "MODEL_LOADING" },
    { status: 500, code: "INTERNAL_ERROR" },
    { status: 429, code: "QUEUE_FULL" },
  ])("retries a $status then succeeds", async ({ status, code }) => {
    const { sie } = client();
    fake.enqueue({ kind: "error", status, code });
    const response = await sie.extract("urchade/gliner_multi-v2.1", { items: [{ text: "Q3 launch" }] });
    expect(response.items).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it("waits what Retry-After asks, capped by maxDelayMs", async () => {
    const { sie, waits } = client({ maxDelayMs: 2000 });
    fake.enqueue(
      { kind: "error", status: 503, retryAfterSeconds: 1 },
      { kind: "error", status: 503, retryAfterSeconds: 5 },
    );
    await sie.encode("BAAI/bge-m3", { items: [{ text: "x" }] });
    expect(waits).toEqual([1000, 2000]);
  });

  it("retries a dropped connection", async () => {
    const { sie } = client();
    fake.enqueue({ kind: "reset" });
    await sie.encode("BAAI/bge-m3", { items: [{ text: "x" }] });
    expect(fake.requests).toHaveLength(2);
  });

  it("reports unavailable with the server's answer after the last retry of a 5xx", async () => {
    const { sie } = client({ maxRetries: 1 });
    fake.setDefault({ kind: "error", status: 503 });
    const error = await failure(sie.encode("BAAI/bge-m3", { items: [{ text: "x" }] }));
    expect(error).toMatchObject({ kind: "unavailable", status: 503, serverCode: "MODEL_LOADING", attempts: 2 });
  });
});

describe("SIE client failures that are not retried", () => {
  it.each([
    { variant: "truncated" as const, detail: /not JSON/ },
    { variant: "wrong_shape" as const, detail: /documented shape/ },
  ])("a $variant 200 body is a malformed_response after one attempt", async ({ variant, detail }) => {
    const { sie } = client();
    fake.setDefault({ kind: "malformed", variant });
    const error = await failure(sie.encode("BAAI/bge-m3", { items: [{ text: "x" }] }));
    expect(error).toMatchObject({ kind: "malformed_response", attempts: 1 });
    expect(error.message).toMatch(detail);
    expect(fake.requests).toHaveLength(1);
  });

  it("an unknown model is unknown_model, named, and asked once", async () => {
    const { sie } = client();
    const error = await failure(sie.encode("acme/no-such-encoder", { items: [{ text: "x" }] }));
    expect(error).toMatchObject({ kind: "unknown_model", status: 404, model: "acme/no-such-encoder", attempts: 1 });
    expect(error.message).toContain("GET /v1/models");
    expect(fake.requests).toHaveLength(1);
  });

  it("an unknown model on the OpenAI-compatible endpoint is unknown_model too", async () => {
    const { sie } = client();
    const error = await failure(sie.embeddings({ model: "acme/nothing", input: "x" }));
    expect(error).toMatchObject({ kind: "unknown_model", serverCode: "model_not_found" });
  });

  it.each([
    { status: 502, code: "MODEL_LOAD_FAILED", kind: "model_load_failed" },
    { status: 400, code: "INVALID_INPUT", kind: "bad_request" },
    { status: 401, code: "UNAUTHORIZED", kind: "bad_request" },
  ])("a $status $code is $kind after one attempt", async ({ status, code, kind }) => {
    const { sie } = client();
    fake.setDefault({ kind: "error", status, code });
    const error = await failure(sie.encode("BAAI/bge-m3", { items: [{ text: "x" }] }));
    expect(error).toMatchObject({ kind, status, serverCode: code, attempts: 1 });
    expect(fake.requests).toHaveLength(1);
  });

  it("a model the server has but for another task is a bad_request", async () => {
    const { sie } = client();
    const error = await failure(sie.encode("BAAI/bge-reranker-v2-m3", { items: [{ text: "x" }] }));
    expect(error).toMatchObject({ kind: "bad_request", status: 400 });
  });

  it("a base URL with a wrong path is a bad_request that points at SIE_URL", async () => {
    const { sie } = client({ baseUrl: `${fake.baseUrl}/v1` });
    const error = await failure(sie.encode("BAAI/bge-m3", { items: [{ text: "x" }] }));
    expect(error).toMatchObject({ kind: "bad_request", status: 404 });
    expect(error.message).toContain("SIE_URL");
  });

  type Sie = ReturnType<typeof client>["sie"];
  it.each([
    { what: "no items", call: (sie: Sie) => sie.encode("BAAI/bge-m3", { items: [] }) },
    { what: "an empty model id", call: (sie: Sie) => sie.encode("", { items: [{ text: "x" }] }) },
    { what: "a '..' model segment", call: (sie: Sie) => sie.encode("a/../b", { items: [{ text: "x" }] }) },
  ])("a request with $what is refused before sending", async ({ call }) => {
    const error = await failure(call(client().sie));
    expect(error.kind).toBe("bad_request");
    expect(fake.requests).toHaveLength(0);
  });

  it("a caller's abort stops the call as cancelled, without retrying", async () => {
    const { sie } = client({ timeoutMs: 5000 });
    fake.setDefault({ kind: "slow", delayMs: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const call = sie.encode("BAAI/bge-m3", { items: [{ text: "x" }] }, { signal: controller.signal });
    const error = await failure(call);
    expect(error).toMatchObject({ kind: "cancelled", attempts: 1 });
  });

  it("a server that is not there is unavailable after the retries", async () => {
    const closed = await startFakeSie();
    await closed.close();
    const { sie, waits } = client({ baseUrl: closed.baseUrl, maxRetries: 1 });
    const error = await failure(sie.encode("BAAI/bge-m3", { items: [{ text: "x" }] }));
    expect(error).toMatchObject({ kind: "unavailable", attempts: 2 });
    expect(error.message).toMatch(/Could not reach SIE.*ECONNREFUSED/);
    expect(waits).toHaveLength(1);
  });
});
