/** Text that has broken systems before: injection, markup, odd unicode, prototype keys. */
export const HOSTILE_STRINGS = [
  "'; DROP TABLE agent_runs; --",
  "1 OR 1=1",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "__proto__",
  "constructor",
  "\u0000",
  "\ud800",
  "\u202e\u202dreversed",
  "\u200b\u200c\u200d",
  "👩‍👩‍👧‍👦".repeat(50),
  "x".repeat(1_000_000),
  "${jndi:ldap://x}",
  "../../etc/passwd",
];
