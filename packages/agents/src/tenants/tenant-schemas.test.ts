import { describe, expect, it } from "vitest";
import { AddPersonSchema, CreateTenantSchema, NewPasswordSchema, TenantSlugSchema } from "./tenant-schemas";

describe("TenantSlugSchema", () => {
  it.each(["ab", "acme-coffee", "a1", "x".repeat(50), "  trimmed  "])("accepts %j", (slug) => {
    expect(TenantSlugSchema.safeParse(slug).success).toBe(true);
  });
  it.each(["a", "-ab", "ab-", "Acme", "acme coffee", "acme_coffee", "x".repeat(51), "café", ""])(
    "refuses %j",
    (slug) => {
      expect(TenantSlugSchema.safeParse(slug).success).toBe(false);
    },
  );
});

describe("CreateTenantSchema", () => {
  it("fills the baseline and leaves unnamed floors to the default", () => {
    expect(CreateTenantSchema.parse({ slug: "ab", name: "AB" })).toEqual({
      slug: "ab",
      name: "AB",
      baselineModel: "claude-sonnet-4-6",
      floors: {},
    });
  });
});

describe("AddPersonSchema", () => {
  it("keeps addresses lower-case and trimmed, so one person is one account", () => {
    expect(AddPersonSchema.parse({ email: "  Ana@Example.TEST ", role: "viewer" }).email).toBe("ana@example.test");
  });
  it.each([
    { email: "ana@example.test", role: "operator" },
    { email: "ana", role: "viewer" },
    { email: "ana@example.test", role: "viewer", name: "" },
  ])("refuses %j", (input) => {
    expect(AddPersonSchema.safeParse(input).success).toBe(false);
  });
});

describe("NewPasswordSchema", () => {
  it.each([
    ["eleven char", false],
    ["twelve chars", true],
    ["x".repeat(200), true],
    ["x".repeat(201), false],
    ["twelve\u0000chars", false],
  ])("%j: %s", (password, isAccepted) => {
    expect(NewPasswordSchema.safeParse(password).success).toBe(isAccepted);
  });
});
