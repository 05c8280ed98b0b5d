/**
 * The seed's demo API keys. They are printed in the README, so anyone can send them: the API refuses them
 * (and any key written in their `sy_demo_` form) when NODE_ENV=production, whatever the database holds.
 */
export const DEMO_API_KEYS = [
  { tenantSlug: "acme-coffee", key: "sy_demo_acme_coffee_0000000000000000" },
  { tenantSlug: "northwind-outdoors", key: "sy_demo_northwind_00000000000000000" },
  { tenantSlug: "lumen-labs", key: "sy_demo_lumen_labs_00000000000000000" },
] as const;

const DEMO_KEY_PREFIX = "sy_demo_";
const DEMO_KEYS: ReadonlySet<string> = new Set(DEMO_API_KEYS.map((d) => d.key));

/** True for a public demo key: one the seed writes, or any key in their form. */
export function isDemoApiKey(key: string): boolean {
  return DEMO_KEYS.has(key) || key.startsWith(DEMO_KEY_PREFIX);
}
