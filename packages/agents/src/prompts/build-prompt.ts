import type { PromptSettings, TaskInput } from "../tasks/task-input";
import { DEFAULT_LENGTH } from "../tasks/task-input";

export interface RevisionContext {
  previousDraft: string;
  feedback: string;
  score?: number;
}

export interface BuiltPrompt {
  system: string;
  user: string;
  targetWords: number;
  /** How much brand context the prompt carries; a routing signal. */
  contextRichness: "low" | "medium" | "high";
}

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

/** The prompt a content team would hand a writer: role brief, brand context, the task, the revision notes. */
export function buildPrompt(task: TaskInput, brand: PromptSettings, revision?: RevisionContext): BuiltPrompt {
  const targetWords = task.outputLengthTarget ?? DEFAULT_LENGTH[task.role];
  const brandLines = [
    brand.voice && `Voice: ${brand.voice}`,
    (task.audience ?? brand.audience) && `Audience: ${task.audience ?? brand.audience}`,
    task.tone && `Tone for this piece: ${task.tone}`,
    brand.bannedPhrases.length > 0 && `Never use: ${brand.bannedPhrases.join(", ")}`,
    brand.requiredPhrases.length > 0 && `Always include: ${brand.requiredPhrases.join(", ")}`,
  ].filter(Boolean);
  const system = [
    ROLE_BRIEFS[task.role],
    ...brandLines,
    brand.contextFile && `Brand context file:\n${brand.contextFile}`,
  ]
    .filter(Boolean)
    .join("\n\n");
  const user = [
    `Topic: ${task.topic}`,
    task.brief && `Brief: ${task.brief}`,
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
  return { system, user, targetWords, contextRichness: richness(brand, brandLines.length) };
}

function richness(brand: PromptSettings, brandLineCount: number): BuiltPrompt["contextRichness"] {
  if (brand.contextFile && brand.contextFile.length > 500) return "high";
  return brandLineCount >= 2 ? "medium" : "low";
}
