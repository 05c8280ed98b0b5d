import { z } from "zod";
import type { ToolDefinition } from "../../adapters/types";
import type { AgentRole } from "../../lib/agent-roles";

/** Bump when a criterion or its wording changes: scores under different versions are not comparable. */
export const JUDGE_RUBRIC_VERSION = "judge-2026-11-25";

export const JUDGE_CRITERIA = ["on_brief", "voice", "structure", "claims_hedged", "call_to_action"] as const;
export type JudgeCriterion = (typeof JUDGE_CRITERIA)[number];

const SHARED: Omit<Record<JudgeCriterion, string>, "structure" | "call_to_action"> = {
  on_brief: "It does what the topic and brief ask, for the stated audience, without drifting to another subject.",
  voice: "It sounds like the brand: the voice and context given, no banned phrases, the required ones used.",
  claims_hedged:
    "Facts, numbers and promises come from the brief or the brand context, or are hedged; nothing is invented.",
};

/** What each criterion means for each role: the same five questions, asked of the kind of piece it is. */
const ROLE_RUBRIC: Record<AgentRole, Pick<Record<JudgeCriterion, string>, "structure" | "call_to_action">> = {
  "blog-writer": {
    structure: "A '# ' title, a short hook, three to six '## ' sections with concrete examples, a close.",
    call_to_action: "It ends with one clear next step for the reader.",
  },
  "social-post-writer": {
    structure: "One idea, a strong first line, within the channel's length norms, at most two hashtags.",
    call_to_action: "It asks the reader to do one specific thing.",
  },
  "email-writer": {
    structure: "A 'Subject:' line, a greeting, a short body with one purpose, skimmable paragraphs.",
    call_to_action: "Exactly one call to action, easy to find.",
  },
  "strategy-writer": {
    structure: "Goals, audience segments, content pillars, a channel plan, a 90-day outline, how success is measured.",
    call_to_action: "It ends with concrete first steps someone could start on Monday.",
  },
  "context-file-writer": {
    structure: "Company, products, audience, voice and tone rules, words to use and avoid, proof points, examples.",
    call_to_action: "Writers get on-brand example lines they can reuse.",
  },
};

export function rubricFor(role: AgentRole): Record<JudgeCriterion, string> {
  return { ...SHARED, ...ROLE_RUBRIC[role] };
}

/** The tool the judge must call: its input is the scores, so the answer is structured, not prose to parse. */
export const RECORD_SCORES_TOOL: ToolDefinition = {
  name: "record_scores",
  description: "Record the rubric scores for the draft (1 = fails the criterion, 5 = fully meets it).",
  inputSchema: {
    type: "object",
    properties: {
      ...Object.fromEntries(JUDGE_CRITERIA.map((c) => [c, { type: "integer", minimum: 1, maximum: 5 }])),
      rationale: { type: "string", maxLength: 600, description: "One or two sentences on the weakest criterion." },
    },
    required: [...JUDGE_CRITERIA, "rationale"],
  },
};

const score = z.number().int().min(1).max(5);

/** What a valid `record_scores` call holds; anything else is malformed output. */
export const JudgeScoresSchema = z.object({
  on_brief: score,
  voice: score,
  structure: score,
  claims_hedged: score,
  call_to_action: score,
  rationale: z.string().max(2000),
});
export type JudgeScores = z.infer<typeof JudgeScoresSchema>;

/** The overall score, 0–1: the mean of the five criteria, with 1 mapped to 0 and 5 to 1. */
export function overallScore(scores: JudgeScores): number {
  const mean = JUDGE_CRITERIA.reduce((total, c) => total + scores[c], 0) / JUDGE_CRITERIA.length;
  return Math.round(((mean - 1) / 4) * 1000) / 1000;
}
