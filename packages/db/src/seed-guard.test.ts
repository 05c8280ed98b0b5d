import { describe, expect, it } from "vitest";
import { decideSeed } from "./seed-guard";

describe("decideSeed", () => {
  it.each([
    ["development", [], {}, false],
    ["unset", [], { NODE_ENV: undefined }, false],
    ["test", [], { NODE_ENV: "test" }, false],
    ["production", [], { NODE_ENV: "production" }, true],
    ["production, SEED_ALLOW_PRODUCTION=false", [], { NODE_ENV: "production", SEED_ALLOW_PRODUCTION: "false" }, true],
    ["production, empty SEED_ALLOW_PRODUCTION", [], { NODE_ENV: "production", SEED_ALLOW_PRODUCTION: "" }, true],
    ["production, SEED_ALLOW_PRODUCTION=true", [], { NODE_ENV: "production", SEED_ALLOW_PRODUCTION: "true" }, false],
    ["production, --allow-production", ["--allow-production"], { NODE_ENV: "production" }, false],
    ["production, a lookalike flag", ["--allow-prod"], { NODE_ENV: "production" }, true],
    ["production, SEED_ALLOW_PRODUCTION=yes", [], { NODE_ENV: "production", SEED_ALLOW_PRODUCTION: "yes" }, true],
  ] as const)("%s: refused %s", (_name, argv, env, isRefused) => {
    const decision = decideSeed(argv, env);
    expect(decision.refusal !== undefined).toBe(isRefused);
  });

  it("says how to override", () => {
    expect(decideSeed([], { NODE_ENV: "production" }).refusal).toMatch(
      /--allow-production.*SEED_ALLOW_PRODUCTION=true/,
    );
  });
});
