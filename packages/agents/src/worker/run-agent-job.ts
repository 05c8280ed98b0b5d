import { type PrismaClient, type Sql, sqlFromPrisma } from "@switchyard/db";
import type { AgentJobPayload } from "../queues/queue-registry";
import type { LlmAdapter, RateLimitInfo } from "../adapters/types";
import { ProviderError } from "../adapters/provider-error";
import { IllegalRunTransitionError, isFinalStatus, refuseRun, startAttempt } from "../runs";
import { PermanentJobError, ProviderThrottledError, UnknownModelError, formatUsd } from "../lib/errors";
import { estimateInputTokens, PRICE_BOOK_VERSION } from "../lib/model-catalog";
import { type RoutingDecision, explainTaskComplexity, selectModel } from "../lib/model-router";
import { buildPrompt } from "../prompts/build-prompt";
import { loadRun } from "../runs";
import { type Sleep, sleep as realSleep } from "../lib/sleep";
import { DEFAULT_RETRY_POLICY, generateWithFallback, type RetryPolicy } from "./generate-with-fallback";
import { buildRunContext, parseAgentJobPayload, type RunContext } from "./load-run-context";
import { recordFailure, recordSuccess } from "./record-outcome";

export interface AgentJobDeps {
  db: PrismaClient;
  /** Plain SQL on the same pool for the hot path. @defaultValue statements through `db` */
  sql?: Sql;
  /** The adapter for a config's `adapter` setting ("auto" resolves to the deployment's default). */
  adapterFor: (configured: string) => LlmAdapter;
  retryPolicy?: RetryPolicy;
  sleep?: Sleep;
}

export interface AgentJobAttempt {
  /** True when the queue will not retry this job again. */
  isFinalAttempt: boolean;
  signal?: AbortSignal;
}

/** Rate-limited attempts requeued before a 429 counts as an ordinary failed attempt. */
export const MAX_THROTTLED_TRIES = 20;
/** Lane pause after a 429 that named no retry-after. */
const DEFAULT_THROTTLE_MS = 2000;

export type AgentJobOutcome =
  | {
      status: "succeeded";
      runId: string;
      model: string;
      qualityScore: number;
      /** Set when the provider's rate-limit headers say the model's quota is spent until a reset. */
      pauseLaneMs?: number;
    }
  | { status: "refused_credits"; runId: string; message: string }
  | { status: "already_finished"; runId: string };

/** Times an execution re-reads its run after another execution started the attempt it meant to start. */
const MAX_TAKEOVERS = 3;

/** Another execution of the same job (a stalled job's replay) started this attempt first. */
class AttemptSupersededError extends Error {}

/**
 * One agent run, start to finish: classify, route and hold credits, generate,
 * then settle and store — or refuse, or release and fail. Knows nothing of BullMQ,
 * so it runs the same from a worker, a test or a benchmark.
 *
 * Two commits on the way to success: the hold (which starts the attempt and records
 * the routing decision) and the settlement (which stores everything else).
 */
export async function runAgentJob(
  rawPayload: unknown,
  deps: AgentJobDeps,
  attempt: AgentJobAttempt,
): Promise<AgentJobOutcome> {
  const payload = parseAgentJobPayload(rawPayload);
  const sql = deps.sql ?? sqlFromPrisma(deps.db);
  for (let takeover = 0; ; takeover++) {
    try {
      return await runAttempt(payload, deps, sql, attempt);
    } catch (error) {
      // Another execution finished the run meanwhile (a stalled job's twin): nothing is left to do.
      if (error instanceof IllegalRunTransitionError && isFinalStatus(error.from)) {
        return { status: "already_finished", runId: payload.runId };
      }
      // The newest execution takes the run over, as a crashed worker's replay must.
      if (!(error instanceof AttemptSupersededError) || takeover >= MAX_TAKEOVERS) throw error;
    }
  }
}

async function runAttempt(
  payload: AgentJobPayload,
  deps: AgentJobDeps,
  sql: Sql,
  attempt: AgentJobAttempt,
): Promise<AgentJobOutcome> {
  const loaded = await loadRun(sql, payload);
  if (loaded.isFinal) return { status: "already_finished", runId: payload.runId };
  const attemptNo = loaded.attempts + 1;
  let ctx: RunContext;
  try {
    ctx = await buildRunContext(deps.db, loaded);
  } catch (error) {
    await startWithoutHold(sql, loaded.id, attemptNo);
    await recordFailure(sql, loaded.id, attemptNo, error, true);
    throw error;
  }

  const prompt = buildPrompt(ctx.task, ctx.brand, ctx.revision);
  const inputs = {
    agentRole: ctx.role,
    outputLengthTarget: prompt.targetWords,
    hasRevisionHistory: ctx.run.revisesRunId !== null,
    contextRichness: prompt.contextRichness,
    requiresReasoning: ctx.task.requiresReasoning,
  };
  const explanation = explainTaskComplexity(inputs);
  const tried: string[] = [];
  const signalsFor = (extra: object = {}) => ({
    rule: explanation.rule,
    inputs,
    floor: ctx.run.model,
    tried: [...tried],
    attempt: attemptNo,
    ...extra,
  });
  let decision: RoutingDecision;
  try {
    decision = await selectModel(
      ctx.role,
      explanation.complexity,
      ctx.run.tenantId,
      { model: ctx.run.model },
      {
        estimatedInputTokens: estimateInputTokens(prompt.system.length + prompt.user.length),
        overrides: ctx.overrides,
        isEscalatedByRevision: explanation.isEscalatedByRevision,
        reserve: async (c) => {
          tried.push(c.model);
          const held = await startAttempt(sql, {
            runId: ctx.run.id,
            amountMicros: c.amountMicros,
            attempt: attemptNo,
            note: c.model,
            decision: {
              complexity: explanation.complexity,
              model: c.model,
              reason: c.reason,
              signals: signalsFor(),
              priceBookVersion: PRICE_BOOK_VERSION,
            },
          });
          if (!held.isStarted && held.isSuperseded) throw new AttemptSupersededError();
          return held.isStarted;
        },
      },
    );
  } catch (error) {
    // A floor or override naming a model the catalog does not offer: no retry can fix it.
    if (!(error instanceof UnknownModelError)) throw error;
    await startWithoutHold(sql, ctx.run.id, attemptNo);
    await recordFailure(sql, ctx.run.id, attemptNo, error, true);
    throw new PermanentJobError(error);
  }
  if (decision.outcome === "refused") return refuse(sql, ctx.run.id, attemptNo, decision, signalsFor());

  try {
    const outcome = await generateWithFallback(
      deps.adapterFor(ctx.run.adapter),
      {
        model: decision.model,
        maxTokens: decision.maxTokens,
        system: prompt.system,
        messages: [{ role: "user", content: prompt.user }],
        targetWords: prompt.targetWords,
        signal: attempt.signal,
      },
      ctx.run.model,
      deps.retryPolicy ?? DEFAULT_RETRY_POLICY,
      deps.sleep ?? realSleep,
    );
    const reason = outcome.isFallback ? "provider_fallback" : decision.reason;
    const { qualityScore } = await recordSuccess(sql, ctx, outcome, reason, prompt.targetWords);
    return {
      status: "succeeded",
      runId: ctx.run.id,
      model: outcome.model,
      qualityScore,
      pauseLaneMs: quotaPause(outcome.result.rateLimit),
    };
  } catch (error) {
    if (error instanceof ProviderError && error.kind === "rate_limited" && attemptNo < MAX_THROTTLED_TRIES) {
      // Waiting belongs to the lane, not to this job: give the hold back and requeue.
      await recordFailure(sql, ctx.run.id, attemptNo, error, false);
      throw new ProviderThrottledError(error.retryAfterMs ?? DEFAULT_THROTTLE_MS, decision.model);
    }
    const isPermanent = error instanceof ProviderError && !error.isRetryable;
    await recordFailure(sql, ctx.run.id, attemptNo, error, isPermanent || attempt.isFinalAttempt);
    throw isPermanent ? new PermanentJobError(error) : error;
  }
}

/**
 * Counts an attempt that ends before any model call (a refusal, a configuration no
 * retry can fix): a zero hold, which also returns any hold a crashed attempt left.
 */
async function startWithoutHold(sql: Sql, runId: string, attemptNo: number): Promise<number> {
  const started = await startAttempt(sql, { runId, amountMicros: 0, attempt: attemptNo });
  if (!started.isStarted) throw new AttemptSupersededError();
  return started.balanceAfterMicros;
}

/** No model was called; the run ends with a message a tenant can act on. */
async function refuse(
  sql: Sql,
  runId: string,
  attemptNo: number,
  decision: Extract<RoutingDecision, { outcome: "refused" }>,
  signals: object,
): Promise<AgentJobOutcome> {
  const balanceMicros = await startWithoutHold(sql, runId, attemptNo);
  const message = `${decision.message} Balance: ${formatUsd(balanceMicros)}.`;
  await refuseRun(sql, runId, attemptNo, {
    message,
    complexity: decision.complexity,
    signals: { ...signals, requiredMicros: decision.requiredMicros },
    requiredMicros: decision.requiredMicros,
  });
  return { status: "refused_credits", runId, message };
}

/** How long to pause a lane when the provider reports a spent quota; undefined while there is room. */
function quotaPause(limit: RateLimitInfo | undefined): number | undefined {
  if (!limit?.resetAt) return undefined;
  const isSpent = limit.requestsRemaining === 0 || limit.tokensRemaining === 0;
  const waitMs = limit.resetAt.getTime() - Date.now();
  return isSpent && waitMs > 0 ? waitMs : undefined;
}
