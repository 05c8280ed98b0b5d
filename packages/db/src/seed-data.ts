/** Demo tenants, people and agent floors for `pnpm db:seed` and the quick start. */

export const DEMO_PASSWORD = "switchyard-demo";

/*
 * Brand context files as the onboarding agent would leave them: long enough (over 1,024 tokens) that
 * Sonnet caches the prompt prefix they sit in, so the demo shows prompt caching at work. Lumen Labs has
 * none on purpose: its runs show why a short prefix is not marked.
 */
const ACME_CONTEXT = `# Acme Coffee Roasters: brand context

## Who we are
Acme Coffee Roasters is a small-batch roastery in Portland, Oregon, founded in 2014 by two former baristas.
We roast four days a week on a 15 kg drum roaster and ship within 48 hours of roasting. We sell to home
brewers through our web shop and subscriptions, and wholesale to about 60 independent cafés in the Pacific
Northwest. We buy green coffee from eight long-term partners in Ethiopia, Colombia, Guatemala, Kenya and
Sumatra, most of them for five years or more, and we publish what we pay per pound for every lot.

## Products
- Single origins: Ethiopia Guji (washed), Colombia Huila (washed), Kenya Nyeri AA, Sumatra Wet-Hulled.
- Blends: Morning Standard (medium, chocolate and caramel), Night Shift (dark, for milk drinks),
  Espresso No. 4 (our house espresso, built for consistency in café grinders).
- Decaf: Colombia Sugarcane Decaf (ethyl acetate process, naturally from sugarcane).
- Subscriptions: every 1, 2 or 4 weeks; pause or skip any time; free shipping on subscriptions.
- Wholesale: training for café staff, grinder calibration visits, equipment servicing referrals.
- Gear we stock and use ourselves: a conical burr grinder, a gooseneck kettle, a scale with a timer,
  paper and metal filters. We only sell gear we would recommend to a friend.

## Audience
Home brewers who care about taste but not about jargon: people who own a grinder or are about to buy one.
Small café owners who need a reliable espresso and a supplier who answers the phone. Gift buyers in
November and December. Many customers are new to specialty coffee; assume curiosity, never expertise.

## Voice and tone
Warm, plain-spoken and a little nerdy about coffee. We explain why, not only what. We write like a
barista talking across the counter: short sentences, concrete numbers (grams, degrees, seconds), and
one idea at a time. We are honest about trade-offs: a dark roast hides origin character; a cheap blade
grinder makes uneven coffee. Humour is welcome when it is gentle. We never talk down to anyone.

## Words we use and words we avoid
Use: fresh, roasted on, brew ratio, grind size, tasting notes, partner farms, what we paid.
Avoid: game-changer, revolutionary, artisanal (overused), "best coffee in the world", any claim we
cannot back with a number. Do not call coffee "bold" without saying what that means in the cup.

## Proof points
- Every bag is stamped with its roast date; we never ship coffee more than 7 days after roasting.
- Transparency reports since 2017: price paid per pound for each lot, published every spring.
- Average relationship with a producer partner: 6 years.
- Our café partners' espresso dial-in time fell from 25 minutes to under 10 after our training.
- 4.8 out of 5 average review score across 3,100 subscription reviews.

## How we brew (house recipes we recommend)
- Pour-over: 15 g coffee to 250 g water, 94 °C, medium-fine grind, 3 to 3.5 minutes in total.
- French press: 30 g to 500 g water, coarse grind, 4 minutes, then decant so it does not over-extract.
- Espresso No. 4: 18 g in, 36 g out, 27 to 30 seconds, 93 °C.
- Cold brew: 100 g coarse coffee to 1 litre cold water, 16 hours in the fridge, dilute 1:1 to serve.

## Seasonal calendar
- January to March: new-year brewing guides, our transparency report, Kenya and Ethiopia arrivals.
- April to June: cold brew season starts; Colombia harvest lots; café wholesale open days.
- July to September: iced recipes, camping coffee, the Guatemala and Sumatra lots.
- October to December: holiday blend, gift sets and gift subscriptions, last shipping dates.

## Questions customers ask most
- "Whole bean or ground?" Whole bean, unless you have no grinder; then we grind for your brewer.
- "How long does coffee stay fresh?" Best from day 4 to day 30 after roasting, sealed and away from light.
- "Is dark roast stronger?" No: it tastes roastier; caffeine per gram barely changes.
- "Can I change my subscription?" Yes: switch coffees, pause or skip online at any time, no fees.

## Calls to action we use
Start a subscription; try the sampler (three 100 g bags); book a café tasting; read our transparency
report. One call to action per piece, near the end, said plainly.

## Examples of on-brand lines
- "Roasted Tuesday, at your door Thursday. That is the whole trick."
- "Grind right before you brew. Your nose will tell you why."
- "We paid $4.10 a pound for this lot. Here is where that money went."
- "Dark roast is not stronger. It is roastier. Caffeine barely changes."`;

const NORTHWIND_CONTEXT = `# Northwind Outdoors: brand context

## Who we are
Northwind Outdoors makes and sells hiking and climbing gear from a workshop and store in Boulder,
Colorado. Founded in 2009 by a mountain guide and a gear designer, we design packs, shells and climbing
accessories, test them in the Front Range and the San Juans, and repair what we sell for life. About a
third of our revenue comes from guided trips and skills courses run by certified guides.

## Products
- Packs: Ridgeline 28 (daypack), Ridgeline 45 (overnight), Crag 35 (climbing pack with rope strap).
- Shells: Summit Shell (3-layer waterproof, 390 g), Trail Wind (windproof, 110 g, packs into its pocket).
- Climbing: Anchor Sling kits, a belay glove, chalk bags, and a rope bag with a ground tarp.
- Courses: Intro to Rock (two days), Alpine Basics (three days), Wilderness First Aid (16 hours,
  certified), Avalanche Awareness (one evening plus a field day).
- Guided trips: 14er days, the Flatirons classic, multi-day San Juan hut trips.
- Repairs: lifetime repairs on our own gear; zippers, buckles and seam tape done in the store.

## Audience
Hikers planning their first overnight trips and experienced hikers moving into scrambling and climbing.
Climbers who want gear that survives abrasion. Parents buying for teenagers heading to camp. Most read
on a phone, often the night before a trip; assume they want the short answer first.

## Voice and tone
Adventurous, practical and safety-minded. We sound like a guide at the trailhead: calm, specific and
honest about risk. We give numbers (grams, litres, metres, hours) and we say when a product is the
wrong choice. We never glamorise danger, never promise that gear makes anyone safe, and always point
to skills and conditions before equipment.

## Words we use and words we avoid
Use: tested, weight, fit, conditions, turnaround time, repairable, the Leave No Trace principles.
Avoid: epic, unleash, conquer, bulletproof, extreme, "never fails". Do not say "waterproof" without the
hydrostatic head rating, and do not give medical or avalanche advice beyond what our courses teach.

## Proof points
- Every pack design is tested for at least 300 field days before release.
- Lifetime repairs: 4,200 repairs done in 2025, most within a week.
- Guides hold AMGA or equivalent certifications; course instructor-to-student ratio is at most 1:6.
- Summit Shell: 20,000 mm hydrostatic head, 20,000 g/m²/24h breathability, 390 g in size M.
- 92% of course graduates say they feel ready to plan their next trip on their own.

## Safety rules every piece follows
Check the forecast and set a turnaround time. Tell someone your plan. Carry the ten essentials. Know
when the gear is not the answer: a course, a guide, or waiting for better conditions often is.

## Seasonal calendar
- January to March: avalanche courses, winter layering guides, repair season for packs and shells.
- April to June: first overnight trips, Intro to Rock, the new pack line, trail conditions updates.
- July to September: 14er season, lightning safety, hut trips in the San Juans, water planning.
- October to December: shoulder-season layering, gift guides, course vouchers, gear care.

## Questions customers ask most
- "Which pack size do I need?" Day hikes: 20 to 30 litres. One night: 40 to 50. Try it loaded in store.
- "Is the Summit Shell warm?" No: it is a shell. Warmth comes from the layers under it.
- "Do I need a course before my first climb outdoors?" Yes, or a guide: gym skills do not cover anchors.
- "How do repairs work?" Bring or send the item; we quote within two days; our own gear is free to fix.

## Calls to action we use
Book a course; plan a guided trip; find your pack size in the fit guide; bring it in for repair.
One call to action per piece, at the end, without pressure.

## Examples of on-brand lines
- "Your turnaround time is a promise to yourself. Set it before you leave the car."
- "28 litres, 840 grams, and a hip belt that actually carries the load."
- "Storm at noon? Summit by ten, down by one. The mountain will be there next week."
- "We repair what we make. Bring it in, torn, muddy, whatever."`;

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
      contextFile: ACME_CONTEXT,
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
      contextFile: NORTHWIND_CONTEXT,
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
