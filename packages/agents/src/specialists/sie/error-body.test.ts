import { describe, expect, it } from "vitest";
import { parseRetryAfter, readSieErrorBody } from "./error-body";

describe("readSieErrorBody", () => {
  it.each([
    {
      what: "native envelope",
      raw: '{"detail":{"code":"MODEL_NOT_FOUND","message":"Model \'x\' not found"}}',
      expected: { code: "MODEL_NOT_FOUND", message: "Model 'x' not found" },
    },
    {
      what: "OpenAI-compatible envelope",
      raw: '{"detail":{"error":{"code":"model_not_found","message":"gone","type":"invalid_request_error"}}}',
      expected: { code: "model_not_found", message: "gone" },
    },
    {
      what: "422 validation list",
      raw: '{"detail":[{"loc":["body","items"],"msg":"too short","type":"too_short"}]}',
      expected: { message: "body.items: too short" },
    },
    { what: "plain string detail", raw: '{"detail":"Not Found"}', expected: { message: "Not Found" } },
    { what: "not JSON", raw: "<html>Bad Gateway</html>", expected: { message: "<html>Bad Gateway</html>" } },
  ])("reads a $what", ({ raw, expected }) => {
    expect(readSieErrorBody(raw)).toEqual(expected);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-02-11T12:00:00Z");
  it.each([
    { header: null, expected: undefined },
    { header: "", expected: undefined },
    { header: "5", expected: 5000 },
    { header: "0.5", expected: 500 },
    { header: "-1", expected: undefined },
    { header: "Wed, 11 Feb 2026 12:00:03 GMT", expected: 3000 },
    { header: "soon", expected: undefined },
  ])("$header → $expected ms", ({ header, expected }) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
