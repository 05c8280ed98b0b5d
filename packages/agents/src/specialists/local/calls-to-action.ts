/**
 * Calls to action, as the canonical phrase a writer would use. Each pattern covers the ways briefs ask
 * for it: the verb ("ask them to sign up"), the noun of the outcome ("drive sign-ups"), common variants
 * ("schedule a demo"). Bare "order" is ambiguous ("in order to", "orders ship free"), so only its
 * call-to-action forms count.
 */
const CALLS: ReadonlyArray<readonly [canonical: string, pattern: RegExp]> = [
  ["book a demo", /\b(?:book|schedule|request|get) (?:a |your |an? live )?demos?\b|\bdemo (?:bookings?|requests?)\b/i],
  ["start a free trial", /\b(?:start|begin|try) (?:a |your |the )?free trial\b|\btry (?:[\w&-]+ ){0,3}free\b/i],
  ["book", /\bbook (?:online|now|an appointment)\b/i],
  ["book", /\bbook a (?:free )?(?:table|slot|service|session|consultation|class|fitting|test ride)\b/i],
  ["sign up", /\bsign(?:ing)?[- ]?ups?\b/i],
  ["subscribe", /\bsubscribe\b/i],
  ["order", /\b(?:pre-?orders?|order (?:now|today|online|yours|one|it|them|early)|place (?:an|your) order)\b/i],
  ["order", /\bdrive (?:more )?orders\b|\border (?:by|before)\b/i],
  ["register", /\bregist(?:er|ers|ering|rations?)\b/i],
  ["download", /\bdownloads?\b/i],
  ["buy", /\bbuy (?:now|it|one|today|tickets?)\b/i],
  ["shop", /\bshop (?:now|the (?:sale|collection|range))\b/i],
  ["join", /\bjoin (?:the |our )?(?:waitlist|wait list|community|beta|club|programme|program)\b/i],
  ["contact us", /\b(?:contact (?:us|sales|our team)|get in touch|talk to (?:sales|us|our team))\b/i],
  ["learn more", /\b(?:learn|read) more\b/i],
  ["request a quote", /\b(?:request|get|ask for) a quote\b/i],
  ["donate", /\bdonat(?:e|ions?)\b/i],
  ["upgrade", /\bupgrade (?:now|today|to|their|your)\b/i],
  ["refer a friend", /\brefer (?:a )?friends?\b|\breferrals?\b/i],
  ["rsvp", /\brsvp\b/i],
];

export function findCallsToAction(text: string): string[] {
  const found = CALLS.map(([canonical, pattern]) => ({ canonical, index: text.search(pattern) }))
    .filter((call) => call.index >= 0)
    .sort((a, b) => a.index - b.index)
    .map((call) => call.canonical);
  return [...new Set(found)];
}
