import { describe, expect, it } from "vitest";
import { parseSpecialistsEnv, specialistsOptionsFromEnv } from "./env";
import { isSpecialistError } from "./errors";
import { createSpecialists } from "./factory";

describe("createSpecialists", () => {
  it("is the local provider when no SIE URL is configured", () => {
    expect(createSpecialists().name).toBe("local");
    expect(createSpecialists(specialistsOptionsFromEnv(parseSpecialistsEnv({}))).name).toBe("local");
  });

  it("is the SIE provider when a URL is configured", () => {
    expect(createSpecialists({ sieUrl: "http://127.0.0.1:9" }).name).toBe("sie");
  });

  it.each([
    { what: "a model not in the catalog", options: { sieUrl: "http://127.0.0.1:9", models: { encode: "acme/x" } } },
    {
      what: "a catalog model for another task",
      options: { sieUrl: "http://127.0.0.1:9", models: { encode: "BAAI/bge-reranker-v2-m3" } },
    },
  ])("refuses $what at start-up", ({ options }) => {
    let error: unknown;
    try {
      createSpecialists(options);
    } catch (e) {
      error = e;
    }
    expect(isSpecialistError(error, "unknown_model")).toBe(true);
  });

  it.each([
    { what: "a URL that is not http", options: { sieUrl: "ftp://sie.internal" } },
    { what: "a zero timeout", options: { sieUrl: "http://127.0.0.1:9", timeoutMs: 0 } },
  ])("refuses $what as a bad_request", ({ options }) => {
    expect(() => createSpecialists(options)).toThrow(/Invalid specialist options/);
  });
});

describe("parseSpecialistsEnv", () => {
  it.each([
    { env: {}, sieUrl: undefined, timeoutMs: 5000, fallbackToLocal: false },
    { env: { SIE_URL: "  " }, sieUrl: undefined, timeoutMs: 5000, fallbackToLocal: false },
    {
      env: { SIE_URL: "http://sie:8080", SIE_TIMEOUT_MS: "1500", SIE_FALLBACK: "local" },
      sieUrl: "http://sie:8080",
      timeoutMs: 1500,
      fallbackToLocal: true,
    },
  ])("reads $env", ({ env, sieUrl, timeoutMs, fallbackToLocal }) => {
    expect(specialistsOptionsFromEnv(parseSpecialistsEnv(env))).toMatchObject({ sieUrl, timeoutMs, fallbackToLocal });
  });

  it.each([
    { SIE_URL: "not a url" },
    { SIE_URL: "ftp://sie" },
    { SIE_TIMEOUT_MS: "soon" },
    { SIE_MAX_RETRIES: "-1" },
    { SIE_FALLBACK: "maybe" },
  ])("refuses %j, naming the variable", (env) => {
    const variable = Object.keys(env)[0]!;
    expect(() => parseSpecialistsEnv(env)).toThrow(new RegExp(variable));
  });

  it("carries the model choices through", () => {
    const score = "cross-encoder/ms-marco-MiniLM-L-6-v2";
    const options = specialistsOptionsFromEnv(parseSpecialistsEnv({ SIE_SCORE_MODEL: score }));
    expect(options.models).toEqual({ encode: undefined, score, extract: undefined });
  });
});
