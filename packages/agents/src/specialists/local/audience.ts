/**
 * Who a brief is for. Briefs say it in a few set ways ("for small business owners", "aimed at CFOs",
 * "Audience: new parents"); a phrase counts only when it ends in a word for a group of people, which is
 * what keeps "for Q3" and "for our launch" out. The phrase is cut after its last such word.
 */
const GROUP_NOUNS = [
  "owners",
  "managers",
  "teams",
  "leads",
  "leaders",
  "buyers",
  "customers",
  "clients",
  "users",
  "founders",
  "developers",
  "engineers",
  "marketers",
  "parents",
  "students",
  "teachers",
  "nurses",
  "clinicians",
  "doctors",
  "dentists",
  "clinics",
  "shops",
  "retailers",
  "agencies",
  "subscribers",
  "readers",
  "shoppers",
  "homeowners",
  "renters",
  "runners",
  "cyclists",
  "gardeners",
  "travellers",
  "travelers",
  "families",
  "professionals",
  "executives",
  "cfos",
  "ctos",
  "cmos",
  "accountants",
  "bookkeepers",
  "designers",
  "admins",
  "administrators",
  "recruiters",
  "investors",
  "donors",
  "members",
  "fans",
  "beginners",
  "gamers",
  "creators",
  "freelancers",
  "contractors",
  "landlords",
  "farmers",
  "chefs",
  "restaurants",
  "cafes",
  "hospitals",
  "schools",
  "startups",
  "businesses",
  "brands",
  "companies",
  "patients",
  "employees",
  "staff",
  "volunteers",
  "athletes",
  "teens",
  "seniors",
  "retirees",
  "partners",
  "resellers",
  "analysts",
  "officers",
  "prospects",
  "attendees",
  "couples",
  "commuters",
  "lovers",
  "traders",
  "enthusiasts",
  "visitors",
  "guests",
  "diners",
];
const GROUP = `(?:${GROUP_NOUNS.join("|")})`;
const WORD = "[\\p{L}\\p{N}'’-]+";

const PHRASE = `((?:${WORD}\\s+){0,4}?${GROUP})\\b`;
const TRIGGERS = [
  // "for busy small business owners", "aimed at CFOs at mid-size firms" (the phrase ends at the group word).
  "(?:for|aimed at|target|targeting|targeted at|written for|speaking to|to reach)\\s+",
  // "Email to existing customers", "newsletter to members": the piece's addressees.
  "(?:email|message|letter|note|invite|invitation|newsletter|sms|dm)s?\\s+to\\s+",
  // "Audience: new parents." — a label line.
  "audience\\s*[:\\-–]\\s*",
];
const PATTERNS: readonly RegExp[] = TRIGGERS.map((trigger) => new RegExp(`\\b${trigger}${PHRASE}`, "giu"));

const LEADING = /^(?:our|the|all|any|those|these|some)\s+/;

export function findAudience(text: string): string[] {
  const found: Array<{ phrase: string; index: number }> = [];
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      let phrase = (match[1] ?? "").toLowerCase();
      while (LEADING.test(phrase)) phrase = phrase.replace(LEADING, "");
      if (phrase && !found.some((f) => f.phrase === phrase)) found.push({ phrase, index: match.index });
    }
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.phrase);
}
