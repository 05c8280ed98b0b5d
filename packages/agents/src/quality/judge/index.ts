export { isJudgeSampled, type JudgeMode, JudgeModeSchema } from "./judge-sampling";
export { estimateJudgeCost, runJudge, type JudgeVerdict } from "./run-judge";
export { JUDGE_MAX_TOKENS, type JudgeSubject } from "./judge-prompt";
export { JUDGE_CRITERIA, JUDGE_RUBRIC_VERSION, JudgeScoresSchema, type JudgeScores, overallScore } from "./rubric";
