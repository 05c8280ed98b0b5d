/**
 * Offline prose for the simulated provider: deterministic for a given seed, shaped
 * like the content asked for (Markdown sections, email subject, short social post),
 * and built from the prompt's own topic words so a reviewer sees related text.
 */
import {
  ADJECTIVES,
  ADVERBS,
  CLOSERS,
  DETERMINERS,
  NOUNS,
  OPENERS,
  PREPOSITIONS,
  SECTION_WORDS,
  VERBS,
} from "./simulated-words";

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
  const phrase = () => {
    const adjective = pick(ADJECTIVES);
    const determiner = random() < 0.4 ? pick(DETERMINERS) : undefined;
    const article = determiner === "a" && /^[aeiou]/.test(adjective) ? "an" : determiner;
    return `${article ? `${article} ` : ""}${adjective} ${pick(NOUNS)}`;
  };
  const topical = () => (topicWords.length > 0 && random() < 0.5 ? ` ${pick(PREPOSITIONS)} ${pick(topicWords)}` : "");
  // Four shapes of sentence, each a chain of wide choices: word pairs rarely repeat between two drafts.
  const sentence = () => {
    const shape = random();
    const core = `${phrase()}${topical()} ${pick(ADVERBS)} ${pick(VERBS)} ${phrase()}`;
    if (shape < 0.45) return `${capitalize(core)}.`;
    if (shape < 0.6) return `${pick(OPENERS)}, ${core}.`;
    if (shape < 0.9) return `${capitalize(core)} ${pick(PREPOSITIONS)} ${phrase()}.`;
    return `${capitalize(phrase())} ${pick(VERBS)} ${phrase()}${topical()}, ${pick(CLOSERS)}.`;
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

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
