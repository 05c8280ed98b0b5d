import { describe, expect, it } from "vitest";
import { isSamePhrase, isSamePhraseSet } from "./phrase-match";

describe("isSamePhrase", () => {
  it.each([
    { a: "small business owners", b: "Small Business Owners", expected: true },
    { a: "cmos", b: "CMOs at mid-size companies", expected: true },
    { a: "order", b: "pre-order", expected: true },
    { a: "local families", b: "families", expected: true },
    { a: "marketing managers", b: "sales managers", expected: false },
    { a: "book a demo", b: "book", expected: true },
    { a: "start a free trial", b: "sign up", expected: false },
    { a: "coffee lovers", b: "", expected: false },
  ])("$a ~ $b → $expected", ({ a, b, expected }) => {
    expect(isSamePhrase(a, b)).toBe(expected);
  });
});

describe("isSamePhraseSet", () => {
  it.each([
    { expected: [], found: [], same: true },
    { expected: ["parents"], found: [], same: false },
    { expected: [], found: ["parents"], same: false },
    { expected: ["founders", "investors"], found: ["investors", "startup founders"], same: true },
    { expected: ["founders", "investors"], found: ["founders", "founders"], same: false },
  ])("$expected vs $found → $same", ({ expected, found, same }) => {
    expect(isSamePhraseSet(expected, found)).toBe(same);
  });
});
