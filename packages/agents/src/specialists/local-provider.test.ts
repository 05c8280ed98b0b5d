import { describe, expect, it } from "vitest";
import { promiseOf } from "../lib/promise-of";
import { isSpecialistError } from "./errors";
import { createLocalProvider } from "./local-provider";

const provider = createLocalProvider({ clock: () => new Date("2026-02-11T09:00:00Z") });

describe("local provider", () => {
  it("scores a draft against each piece in order, identical text at 1 and unrelated near 0", async () => {
    const draft = "Acme Ledger matches your bank feeds automatically, so month-end takes an afternoon.";
    const result = await provider.similarity(draft, [
      "Our bakery opens a second shop in Leeds next month.",
      draft,
      "Acme Ledger automatically matches your bank feeds, so month-end takes an afternoon.",
    ]);
    expect(result.source).toEqual({ provider: "local", model: "minhash-128-w2" });
    expect(result.scores[0]).toBeLessThan(0.05);
    expect(result.scores[1]).toBe(1);
    expect(result.scores[2]).toBeGreaterThan(0.4);
  });

  it("ranks documents by BM25, best first, naming the parameters as the model", async () => {
    const result = await provider.rank("spring sale running shoes", [
      "Quarterly board update on hiring",
      "Spring sale: running shoes 30% off",
      "Running club meets on Sundays",
    ]);
    expect(result.ranking.map((r) => r.index)).toEqual([1, 2, 0]);
    expect(result.ranking.map((r) => r.rank)).toEqual([0, 1, 2]);
    expect(result.source).toEqual({ provider: "local", model: "bm25-k1.2-b0.75" });
  });

  it("keeps the given order among equal scores", async () => {
    const result = await provider.rank("zebra", ["alpha", "beta", "gamma"]);
    expect(result.ranking.map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it("extracts brief fields with the caller's dictionary and the clock when no `now` is given", async () => {
    const result = await provider.extract("LinkedIn post for founders about Acme Payroll, live next Friday. Sign up.", {
      products: ["Acme Payroll"],
    });
    expect(result).toMatchObject({
      products: ["Acme Payroll"],
      dates: [{ text: "next Friday", start: "2026-02-20" }],
      audience: ["founders"],
      callsToAction: ["sign up"],
      needsAnalysis: false,
      source: { provider: "local", model: "brief-rules-v1" },
    });
  });

  it("offers storable signatures that score as similarity does, keyed by every parameter", async () => {
    const method = provider.signatures!;
    expect(method).toMatchObject({
      key: "minhash-128-w2/seed-24301/v1",
      length: 128,
      source: { model: "minhash-128-w2" },
    });
    const pieces = [
      "Acme Ledger matches bank feeds automatically.",
      "",
      "A bakery opens in Leeds.",
      "matches bank feeds",
    ];
    const draft = "Acme Ledger matches your bank feeds automatically.";
    const packed = new Int32Array(method.length * pieces.length);
    pieces.forEach((piece, i) => method.signInto(piece, packed, i * method.length));
    const signed = new Int32Array(method.length);
    method.signInto(draft, signed, 0);
    const scores = new Float64Array(pieces.length);
    method.scoreInto(signed, packed, pieces.length, scores);
    expect(Array.from(scores)).toEqual((await provider.similarity(draft, pieces)).scores);
    expect(() => method.scoreInto(signed.subarray(0, 64), packed, 1, scores)).toThrow(RangeError);

    const keys = [{}, { seed: 7 }, { permutations: 64 }, { shingleSize: 3 }].map(
      (minHash) => createLocalProvider({ minHash }).signatures!.key,
    );
    expect(new Set(keys).size).toBe(4);
  });

  it("names its settings in the model id", async () => {
    const custom = createLocalProvider({ minHash: { permutations: 64, shingleSize: 3 }, bm25: { k1: 2, b: 0.5 } });
    expect((await custom.similarity("a b c", ["a b c"])).source.model).toBe("minhash-64-w3");
    expect((await custom.rank("a", ["a"])).source.model).toBe("bm25-k2-b0.5");
  });

  it.each<{ what: string; call: () => Promise<unknown> }>([
    { what: "a non-string candidate", call: () => provider.similarity("x", [42 as unknown as string]) },
    { what: "a product that is blank", call: () => provider.extract("x", { products: ["  "] }) },
    { what: "an invalid date", call: () => provider.extract("x", { now: new Date("nope") }) },
    { what: "BM25's b above 1", call: () => promiseOf(() => createLocalProvider({ bm25: { b: 2 } })) },
  ])("refuses $what as a bad_request", async ({ call }) => {
    const error = await Promise.resolve()
      .then(call)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isSpecialistError(error, "bad_request")).toBe(true);
  });
});
