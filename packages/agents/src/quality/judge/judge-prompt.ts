import type { GenerateRequest } from "../../adapters/types";
import type { AgentRole } from "../../lib/agent-roles";
import type { PromptSettings, TaskInput } from "../../tasks/task-input";
import { JUDGE_CRITERIA, RECORD_SCORES_TOOL, rubricFor } from "./rubric";

/** The judge answers with one tool call; this bounds what it can cost. */
export const JUDGE_MAX_TOKENS = 600;
/** Enough of the brand's context file for the voice criterion; the whole file would dominate the judge's bill. */
const CONTEXT_CHARS = 3000;

export interface JudgeSubject {
  role: AgentRole;
  task: TaskInput;
  brand: PromptSettings;
  draft: string;
}

/** The judge's instructions and the task it grades against, without the draft (known before the draft is). */
export function judgeInstructions({ role, task, brand }: Omit<JudgeSubject, "draft">): {
  system: string;
  task: string;
} {
  const rubric = rubricFor(role);
  const system = [
    "You are a demanding content editor. Grade the draft against each criterion from 1 (fails it) to 5 " +
      "(fully meets it). Judge only what is on the page. Call record_scores exactly once.",
    ...JUDGE_CRITERIA.map((c) => `- ${c}: ${rubric[c]}`),
    brand.voice && `Brand voice: ${brand.voice}`,
    brand.bannedPhrases.length > 0 && `Banned phrases: ${brand.bannedPhrases.join(", ")}`,
    brand.requiredPhrases.length > 0 && `Required phrases: ${brand.requiredPhrases.join(", ")}`,
    brand.contextFile && `Brand context (excerpt):\n${brand.contextFile.slice(0, CONTEXT_CHARS)}`,
  ]
    .filter(Boolean)
    .join("\n");
  const taskText = [
    `Role: ${role}`,
    `Topic: ${task.topic}`,
    task.brief && `Brief: ${task.brief}`,
    task.channel && `Channel: ${task.channel}`,
    (task.audience ?? brand.audience) && `Audience: ${task.audience ?? brand.audience}`,
    task.callToAction && `Wanted call to action: ${task.callToAction}`,
  ]
    .filter(Boolean)
    .join("\n");
  return { system, task: taskText };
}

export function judgeRequest(model: string, subject: JudgeSubject, signal?: AbortSignal): GenerateRequest {
  const { system, task } = judgeInstructions(subject);
  return {
    model,
    maxTokens: JUDGE_MAX_TOKENS,
    system,
    messages: [{ role: "user", content: `${task}\n\nDraft:\n${subject.draft}` }],
    tools: [RECORD_SCORES_TOOL],
    toolChoice: { type: "tool", name: RECORD_SCORES_TOOL.name },
    signal,
  };
}
