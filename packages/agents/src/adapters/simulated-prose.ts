/**
 * Offline prose for the simulated provider: deterministic for a given seed, shaped
 * like the content asked for (Markdown sections, email subject, short social post),
 * and built from the prompt's own topic words so a reviewer sees related text.
 */

const OPENERS = [
  "Most teams",
  "The best results",
  "What we see again and again",
  "In practice",
  "Here is the short version",
  "The surprising part",
  "Every week",
  "When customers ask",
];
const VERBS = [
  "comes down to",
  "starts with",
  "depends on",
  "rewards",
  "is shaped by",
  "improves with",
  "begins with",
  "hinges on",
];
const OBJECTS = [
  "a clear plan",
  "small, repeatable steps",
  "honest measurement",
  "the details people skip",
  "a single good habit",
  "listening before writing",
  "one strong example",
  "consistent practice",
];
const CLOSERS = [
  "and that is where the gains are.",
  "so start there this week.",
  "which is easier than it sounds.",
  "and the numbers back it up.",
  "without adding more work.",
  "once the basics are in place.",
  "for teams of any size.",
  "and it compounds over time.",
];
const SECTION_WORDS = [
  "Why it matters",
  "What to do first",
  "Common mistakes",
  "A worked example",
  "How to measure it",
  "Tools that help",
  "What changes next",
  "Putting it together",
  "Who it is for",
  "The checklist",
];

export type ProseShape = "article" | "email" | "social" | "document";

export interface ProseRequest {
  shape: ProseShape;
  topic: string;
  words: number;
  seed: number;
}

/** Small, fast, seedable PRNG (mulberry32): same seed, same text. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, enough to turn a prompt into a seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export function generateProse({ shape, topic, words, seed }: ProseRequest): string {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => {
    const item = list[Math.floor(random() * list.length)];
    if (item === undefined) throw new RangeError("nothing to pick from an empty list");
    return item;
  };
  const topicWords = topic
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((w) => w.length > 3);
  const sentence = () => {
    const subject =
      topicWords.length > 0 && random() < 0.6 ? `${pick(OPENERS)} with ${pick(topicWords)}` : pick(OPENERS);
    return `${subject} ${pick(VERBS)} ${pick(OBJECTS)}, ${pick(CLOSERS)}`;
  };
  // Stops at the sentence that lands closest to the budget, so lengths track the ask.
  const paragraphOf = (budget: number) => {
    const parts: string[] = [];
    let count = 0;
    for (;;) {
      const s = sentence();
      const length = s.split(" ").length;
      if (count > 0 && count + length - budget > budget - count) break;
      parts.push(s);
      count += length;
      if (count >= budget) break;
    }
    return parts.join(" ");
  };
  const title = titleCase(topic);
  switch (shape) {
    case "social": {
      const hashtags = `#${camel(topicWords[0] ?? "news")} #${camel(topicWords[1] ?? "tips")}`;
      return `${paragraphOf(Math.max(8, words - 4))}\n\n${hashtags}`;
    }
    case "email":
      return `Subject: ${title}\n\nHi there,\n\n${paragraphOf(Math.max(10, words - 12))}\n\nBest,\nThe team`;
    case "article":
    case "document": {
      const sections =
        shape === "article"
          ? Math.min(6, Math.max(3, Math.round(words / 220)))
          : Math.min(8, Math.max(4, Math.round(words / 180)));
      const headingWords = title.split(" ").length + sections * 3;
      const perSection = Math.max(12, Math.floor((words - headingWords) / (sections + 1)));
      const body = [`# ${title}`, paragraphOf(perSection)];
      for (let i = 0; i < sections; i++)
        body.push(`## ${SECTION_WORDS[(seed + i) % SECTION_WORDS.length]}`, paragraphOf(perSection));
      return body.join("\n\n");
    }
  }
}

function titleCase(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

function camel(word: string): string {
  return word.replace(/[^\p{L}\p{N}]/gu, "").replace(/^\p{L}/u, (c) => c.toUpperCase()) || "Tips";
}
