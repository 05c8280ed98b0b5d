/** Demo tenants, people and agent floors for `pnpm db:seed` and the quick start. */

export const DEMO_PASSWORD = "switchyard-demo";

export const DEMO_TENANTS = [
  {
    slug: "acme-coffee",
    name: "Acme Coffee Roasters",
    creditsUsd: 250,
    floors: {
      "blog-writer": "claude-haiku-4-5-20251001",
      "social-post-writer": "claude-haiku-4-5-20251001",
      "email-writer": "claude-haiku-4-5-20251001",
      "strategy-writer": "claude-sonnet-4-6",
      "context-file-writer": "claude-sonnet-4-6",
    },
    brand: {
      voice: "warm, plain-spoken, a little nerdy about coffee",
      audience: "home brewers and small cafés",
      bannedPhrases: ["game-changer", "revolutionary"],
    },
  },
  {
    slug: "northwind-outdoors",
    name: "Northwind Outdoors",
    creditsUsd: 40,
    // A quality-first tenant: nothing it writes goes below Sonnet.
    floors: {
      "blog-writer": "claude-sonnet-4-6",
      "social-post-writer": "claude-sonnet-4-6",
      "email-writer": "claude-sonnet-4-6",
      "strategy-writer": "claude-sonnet-4-6",
      "context-file-writer": "claude-sonnet-4-6",
    },
    brand: {
      voice: "adventurous, practical, safety-minded",
      audience: "hikers and climbers planning trips",
      bannedPhrases: ["epic", "unleash"],
    },
  },
  {
    slug: "lumen-labs",
    name: "Lumen Labs",
    // Deliberately low: shows Opus falling back to Sonnet and refusals for credits.
    creditsUsd: 0.7,
    floors: {
      "blog-writer": "claude-haiku-4-5-20251001",
      "social-post-writer": "claude-haiku-4-5-20251001",
      "email-writer": "claude-haiku-4-5-20251001",
      "strategy-writer": "claude-haiku-4-5-20251001",
      "context-file-writer": "claude-haiku-4-5-20251001",
    },
    brand: {
      voice: "precise, evidence-led, no hype",
      audience: "engineering leaders evaluating observability tools",
      bannedPhrases: ["synergy", "cutting-edge"],
    },
  },
] as const;

export const DEMO_USERS = [
  { email: "operator@switchyard.dev", name: "Olive Operator", isOperator: true, memberships: [] },
  { email: "owner@acme-coffee.test", name: "Ada Owner", isOperator: false, memberships: [["acme-coffee", "owner"]] },
  {
    email: "editor@northwind.test",
    name: "Ed Editor",
    isOperator: false,
    memberships: [
      ["northwind-outdoors", "editor"],
      ["lumen-labs", "editor"],
    ],
  },
  { email: "viewer@acme-coffee.test", name: "Vic Viewer", isOperator: false, memberships: [["acme-coffee", "viewer"]] },
] as const;

/** Demo API keys, shown in the README so the quick start can call the enqueue API. */
export const DEMO_API_KEYS = [
  { tenantSlug: "acme-coffee", key: "sy_demo_acme_coffee_0000000000000000" },
  { tenantSlug: "northwind-outdoors", key: "sy_demo_northwind_00000000000000000" },
  { tenantSlug: "lumen-labs", key: "sy_demo_lumen_labs_00000000000000000" },
] as const;
