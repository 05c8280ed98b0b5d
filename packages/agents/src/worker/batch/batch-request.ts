import type { Sql } from "@switchyard/db";
import { z } from "zod";
import type { GenerateRequest } from "../../adapters/types";
import { getModel } from "../../lib/model-catalog";
import { type BuiltPrompt, buildPrompt } from "../../prompts/build-prompt";
import { type CachePlan, planPromptCache } from "../../prompts/cache-plan";
import { loadRun } from "../../runs";
import type { ApprovedExamples } from "../approved-examples";
import { buildRunContext, type RunContext } from "../load-run-context";
import type { PrismaClient } from "@switchyard/db";

/** What a batch decision stored with the hold (route-and-hold's BatchSignals), read back from the run. */
const BatchSignalsSchema = z.object({
  batch: z.object({ maxTokens: z.number().int().positive(), isJudgeHeld: z.boolean(), tierReason: z.string() }),
});

export interface BatchRunPrompt {
  ctx: RunContext;
  prompt: BuiltPrompt;
  cache: CachePlan;
  request: GenerateRequest;
  isJudgeHeld: boolean;
}

/**
 * Rebuilds a held batch request's prompt from its run, the same way the live path builds it, for the
 * model the hold paid for: what the submitter sends, and what the poller scores the result against.
 */
export async function buildBatchRunPrompt(
  deps: { db: PrismaClient; sql: Sql; examples: ApprovedExamples },
  run: { id: string; tenantId: string },
): Promise<BatchRunPrompt> {
  const loaded = await loadRun(deps.sql, { runId: run.id, tenantId: run.tenantId });
  const ctx = await buildRunContext(deps.db, loaded, deps.examples);
  const signals = BatchSignalsSchema.parse(loaded.routingSignals);
  const model = loaded.modelRoutedTo ?? loaded.model;
  getModel(model);
  const prompt = buildPrompt(ctx.task, ctx.brand, ctx.revision, ctx.examples);
  const cache = planPromptCache(prompt.prefix, model, ctx.promptCache);
  return {
    ctx,
    prompt,
    cache,
    isJudgeHeld: signals.batch.isJudgeHeld,
    request: {
      model,
      maxTokens: signals.batch.maxTokens,
      system: cache.system,
      messages: [{ role: "user", content: prompt.user }],
      targetWords: prompt.targetWords,
    },
  };
}
