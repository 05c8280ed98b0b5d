import type { PromptSettings, TaskInput } from "../tasks/task-input";
import { DEFAULT_LENGTH } from "../tasks/task-input";

export interface RevisionContext {
  previousDraft: string;
  feedback: string;
  score?: number;
}

/** An approved piece of the tenant's, shown to the writer as an example of its voice. */
export interface ApprovedExample {
  title: string;
  body: string;
}

/**
 * A prompt split where prompt caching splits it. `prefix` is the same for every job of one tenant and
 * role (instructions, brand context, approved examples, in that order) and may be cached; `user` is the
 * job's own brief and comes after it.
 */
export interface BuiltPrompt {
  prefix: PrefixBlocks;
  user: string;
  targetWords: number;
  /** How much brand context the prompt carries; a routing signal. */
  contextRichness: "low" | "medium" | "high";
}

export interface PrefixBlocks {
  instructions: string;
  /** The tenant's brand settings and context file; empty when it has none. */
  brand: string;
  /** The approved examples; empty when there are none. */
  examples: string;
  exampleCount: number;
}

/** Examples a prompt carries at most, and how much of each (a long piece is cut, and says so). */
export const MAX_EXAMPLES = 3;
export const EXAMPLE_CHARS = 3_000;

const ROLE_BRIEFS: Record<TaskInput["role"], string> = {
  "blog-writer":
    "You are a senior content writer. Write a blog post in Markdown: a '# ' title, a short hook, 3-6 '## ' " +
    "sections with concrete examples, and a closing call to action. No filler, no clichés.",
  "social-post-writer":
    "You write social posts that people stop scrolling for. One idea, a strong first line, plain words, at " +
    "most two relevant hashtags, and a clear call to action. Respect the channel's length norms.",
  "email-writer":
    "You write marketing and lifecycle emails. Start with 'Subject: ' on the first line, then a greeting, a " +
    "short body with one clear purpose, and a single call to action. Skimmable paragraphs.",
  "strategy-writer":
    "You are a content strategist. Write a content strategy in Markdown: goals, audience segments, content " +
    "pillars, channel plan, a 90-day calendar outline, and how success is measured. Reason from the brand " +
    "context; state assumptions.",
  "context-file-writer":
    "You write a brand context file other writers will rely on. In Markdown: who the company is, products, " +
    "audience, voice and tone rules, words to use and avoid, proof points, and examples of on-brand lines.",
};

/**
 * The prompt a content team would hand a writer: role brief, brand context and approved examples (the
 * stable prefix), then the task and the revision notes. Anything that varies per job (its audience or
 * tone, the topic, the brief) stays out of the prefix, so one tenant's jobs share it byte for byte.
 */
export function buildPrompt(
  task: TaskInput,
  brand: PromptSettings,
  revision?: RevisionContext,
  examples: readonly ApprovedExample[] = [],
): BuiltPrompt {
  const targetWords = task.outputLengthTarget ?? DEFAULT_LENGTH[task.role];
  const brandLines = [
    brand.voice && `Voice: ${brand.voice}`,
    brand.audience && `Audience: ${brand.audience}`,
    brand.bannedPhrases.length > 0 && `Never use: ${brand.bannedPhrases.join(", ")}`,
    brand.requiredPhrases.length > 0 && `Always include: ${brand.requiredPhrases.join(", ")}`,
  ].filter(Boolean);
  const shown = examples.slice(0, MAX_EXAMPLES);
  const user = [
    `Topic: ${task.topic}`,
    task.brief && `Brief: ${task.brief}`,
    task.audience && `Audience for this piece: ${task.audience}`,
    task.tone && `Tone for this piece: ${task.tone}`,
    task.channel && `Channel: ${task.channel}`,
    task.keywords.length > 0 && `Work in these keywords naturally: ${task.keywords.join(", ")}`,
    task.callToAction && `Call to action: ${task.callToAction}`,
    `Length: about ${targetWords} words.`,
    revision &&
      `This is a revision. The previous draft was rejected${revision.score ? ` (score ${revision.score}/5)` : ""} ` +
        `with this feedback:\n${revision.feedback}\n\nPrevious draft:\n${revision.previousDraft}`,
  ]
    .filter(Boolean)
    .join("\n");
  return {
    prefix: {
      instructions: ROLE_BRIEFS[task.role],
      brand: [...brandLines, brand.contextFile && `Brand context file:\n${brand.contextFile}`]
        .filter(Boolean)
        .join("\n\n"),
      examples: shown.length === 0 ? "" : renderExamples(shown),
      exampleCount: shown.length,
    },
    user,
    targetWords,
    contextRichness: richness(brand, task),
  };
}

/** The prefix as one string, for providers and estimates that take the system prompt whole. */
export function systemText(prefix: PrefixBlocks): string {
  return [prefix.instructions, prefix.brand, prefix.examples].filter(Boolean).join("\n\n");
}

function renderExamples(examples: readonly ApprovedExample[]): string {
  const pieces = examples.map((e, i) => {
    const body = e.body.length > EXAMPLE_CHARS ? `${e.body.slice(0, EXAMPLE_CHARS)}\n[…cut for length]` : e.body;
    return `Example ${i + 1}: ${e.title}\n${body}`;
  });
  return (
    "Pieces this brand approved for this role. Match their voice and standard; do not copy them.\n\n" +
    pieces.join("\n\n---\n\n")
  );
}

function richness(brand: PromptSettings, task: TaskInput): BuiltPrompt["contextRichness"] {
  if (brand.contextFile && brand.contextFile.length > 500) return "high";
  const signals = [
    brand.voice,
    task.audience ?? brand.audience,
    task.tone,
    brand.bannedPhrases.length > 0,
    brand.requiredPhrases.length > 0,
  ];
  return signals.filter(Boolean).length >= 2 ? "medium" : "low";
}
