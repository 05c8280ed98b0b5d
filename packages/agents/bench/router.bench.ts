import { AGENT_ROLES } from "../src/lib/agent-roles";
import { explainTaskComplexity, selectModel, type ClassifyTaskInput } from "../src/lib/model-router";
import { nowMs, round, summarize } from "./stats";

const FLOORS = ["claude-haiku-4-5-20251001", "claude-sonnet-4-6", "claude-opus-4-7"];

/** classifyTaskComplexity + selectModel with an in-memory hold: the routing logic alone, no I/O. */
export async function benchRouterDecision(iterations: number) {
  const inputs: ClassifyTaskInput[] = Array.from({ length: 1024 }, (_, i) => ({
    agentRole: AGENT_ROLES[i % AGENT_ROLES.length]!,
    outputLengthTarget: 100 + ((i * 37) % 3000),
    hasRevisionHistory: i % 7 === 0,
    contextRichness: "medium",
    requiresReasoning: i % 3 === 0,
  }));
  const reserve = () => Promise.resolve(true);
  const decide = async (i: number) => {
    const input = inputs[i & 1023]!;
    const { complexity, isEscalatedByRevision } = explainTaskComplexity(input);
    return selectModel(
      input.agentRole,
      complexity,
      "t",
      { model: FLOORS[i % 3]! },
      { reserve, estimatedInputTokens: 1200, isEscalatedByRevision },
    );
  };
  for (let i = 0; i < 20_000; i++) await decide(i);
  const samples = new Array<number>(iterations);
  const started = nowMs();
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    await decide(i);
    samples[i] = Number(process.hrtime.bigint() - t) / 1e3;
  }
  const elapsedMs = nowMs() - started;
  const s = summarize(samples);
  return {
    iterations,
    opsPerSec: Math.round(iterations / (elapsedMs / 1000)),
    p50Us: round(s.p50, 3),
    p99Us: round(s.p99, 3),
  };
}
