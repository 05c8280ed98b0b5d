import { type JudgeStatus, type PrismaClient, type Sql, sqlFromPrisma } from "@switchyard/db";
import type { CapPosition } from "../runs/spend-caps";
import type { AgentJobPayload } from "../queues/queue-registry";
import type { LlmAdapter, RateLimitInfo } from "../adapters/types";
import { ProviderError } from "../adapters/provider-error";
import { extendHold, IllegalRunTransitionError, isFinalStatus, refuseRun, startAttempt } from "../runs";
import { PermanentJobError, ProviderThrottledError, UnknownModelError, formatUsd } from "../lib/errors";
import type { RoutingDecision } from "../lib/model-router";
import type { TokenUsage } from "../lib/model-catalog";
import { routeWithBrief } from "./brief-routing";
import { buildPrompt } from "../prompts/build-prompt";
import { planPromptCache } from "../prompts/cache-plan";
import { ApprovedExamples } from "./approved-examples";
import { loadRun } from "../runs";
import { type Sleep, sleep as realSleep } from "../lib/sleep";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./generate-with-fallback";
import { generateComplete } from "./generate-complete";
import { judgeDraft, planJudge } from "./judge-run";
import { AttemptSupersededError, type HeldRoute, routeAndHold } from "./route-and-hold";
import { buildRunContext, parseAgentJobPayload, type RunContext } from "./load-run-context";
import { recordFailure, recordSuccess } from "./record-outcome";
import { defaultGuard, type GuardDeps, guardDraft } from "./guard-draft";
import { planCascade, tryCheaperFirst } from "./cascade";
import { decideTier, type HybridRouter } from "./hybrid/decide-tier";
import { defaultHybridRouter } from "./hybrid/default-router";
import { readRunCredits } from "../credits/read-run-credits";

export interface AgentJobDeps {
  db: PrismaClient;
  /** Plain SQL on the same pool for the hot path. @defaultValue statements through `db` */
  sql?: Sql;
  /** The adapter for a config's `adapter` setting ("auto" resolves to the deployment's default). */
  adapterFor: (configured: string) => LlmAdapter;
  retryPolicy?: RetryPolicy;
  sleep?: Sleep;
  /** Where prompts find the tenant's approved examples. @defaultValue one reader per `db`, shared */
  examples?: ApprovedExamples;
  /** How drafts are compared with the tenant's pieces. @defaultValue the deployment's specialists (SIE_URL) */
  guard?: Omit<GuardDeps, "sql">;
  /**
   * Told when a hold brought the tenant to 80% of a spend cap not yet warned of this period (budget.warning).
   * Must not throw. @defaultValue nothing
   */
  onCapWarnings?: (tenantId: string, caps: CapPosition[]) => Promise<void>;
  /** The hybrid router's breaker and timeout. @defaultValue one per process, from the environment */
  router?: HybridRouter;
}

const examplesByDb = new WeakMap<PrismaClient, ApprovedExamples>();

function examplesOf(deps: AgentJobDeps): ApprovedExamples {
  if (deps.examples) return deps.examples;
  let reader = examplesByDb.get(deps.db);
  if (!reader) examplesByDb.set(deps.db, (reader = new ApprovedExamples(deps.db)));
  return reader;
}

export interface AgentJobAttempt {
  /** True when the queue will not retry this job again. */
  isFinalAttempt: boolean;
  signal?: AbortSignal;
  /**
   * The batch lane's attempt: route and hold at batch prices, then stop. The run stays running with its
   * hold until the batch submitter gathers it into a Message Batch (worker/batch). @defaultValue false
   */
  isBatch?: boolean;
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
      checksScore: number;
      judgeStatus: JudgeStatus;
      role: string;
      /** What settlement charged (generation and judge) and the generation's tokens; for metrics. */
      costMicros: number;
      usage: TokenUsage;
      /** False when another execution had settled the run already (nothing was charged by this one). */
      isRecorded: boolean;
      /** Set when the provider's rate-limit headers say the model's quota is spent until a reset. */
      pauseLaneMs?: number;
    }
  | { status: "refused_credits"; runId: string; message: string; role: string; reason: string }
  /** Held at batch prices and waiting for the batch submitter. */
  | { status: "batched"; runId: string; model: string; role?: string }
  | { status: "already_finished"; runId: string };

/** Times an execution re-reads its run after another execution started the attempt it meant to start. */
const MAX_TAKEOVERS = 3;

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
  // A replay of a batch-lane job whose hold was taken: the run is the submitter's now, not this job's.
  if (attempt.isBatch && loaded.status === "running" && loaded.lane === "batch") {
    return { status: "batched", runId: loaded.id, model: loaded.model };
  }
  const attemptNo = loaded.attempts + 1;
  let ctx: RunContext;
  let adapter: LlmAdapter;
  try {
    ctx = await buildRunContext(deps.db, loaded, examplesOf(deps));
    adapter = deps.adapterFor(ctx.run.adapter);
  } catch (error) {
    // A stored task that no longer validates, or an adapter this deployment cannot build: no retry fixes it.
    await startWithoutHold(sql, loaded.id, attemptNo);
    await recordFailure(sql, loaded.id, attemptNo, error, true);
    throw error instanceof PermanentJobError ? error : new PermanentJobError(asError(error));
  }
  const source = adapter.name === "simulated" ? "simulated" : "real";
  const prompt = buildPrompt(ctx.task, ctx.brand, ctx.revision, ctx.examples);
  const routing = routeWithBrief(ctx, prompt);
  const judgePlan = planJudge(ctx);
  const tier = await decideTier({
    sql,
    ctx,
    routing,
    attempt: attemptNo,
    adapter,
    source,
    router: deps.router ?? defaultHybridRouter(),
    isBatch: attempt.isBatch,
    signal: attempt.signal,
  });
  let route: HeldRoute;
  try {
    route = await routeAndHold(sql, {
      ctx,
      attempt: attemptNo,
      prompt,
      explanation: {
        ...routing.explanation,
        complexity: tier.complexity,
        isEscalatedByRevision: tier.isEscalatedByRevision,
        inputs: { ...routing.inputs, ...(routing.brief && { brief: routing.brief }) },
        isTierFromBrief: tier.isTierFromBrief,
      },
      judge: judgePlan,
      source,
      promptCache: ctx.promptCache,
      isBatch: attempt.isBatch,
      router: tier.router,
      isAttemptStarted: tier.isAttemptStarted,
    });
  } catch (error) {
    // A floor or override naming a model the catalog does not offer: no retry can fix it.
    if (!(error instanceof UnknownModelError)) throw error;
    if (!tier.isAttemptStarted) await startWithoutHold(sql, ctx.run.id, attemptNo, source);
    await recordFailure(sql, ctx.run.id, attemptNo, error, true);
    throw new PermanentJobError(error);
  }
  const { decision } = route;
  if (route.capWarnings.length) await deps.onCapWarnings?.(ctx.run.tenantId, route.capWarnings);
  if (decision.outcome === "refused") {
    const refused = await refuse(sql, ctx.run.id, attemptNo, decision, route.signals, source, tier.isAttemptStarted);
    return { ...refused, role: ctx.role };
  }
  if (attempt.isBatch) return { status: "batched", runId: ctx.run.id, model: decision.model, role: ctx.role };

  const cache = planPromptCache(prompt.prefix, decision.model, ctx.promptCache);
  try {
    const request = {
      model: decision.model,
      maxTokens: decision.maxTokens,
      system: cache.system,
      messages: [{ role: "user" as const, content: prompt.user }],
      targetWords: prompt.targetWords,
      signal: attempt.signal,
    };
    const completion = {
      adapter,
      floor: ctx.run.model,
      policy: deps.retryPolicy ?? DEFAULT_RETRY_POLICY,
      sleep: deps.sleep ?? realSleep,
    };
    const cascadePlan = planCascade(ctx, decision.model, decision.maxTokens);
    const cascade =
      cascadePlan &&
      (await tryCheaperFirst(cascadePlan, {
        sql,
        ctx,
        attempt: attemptNo,
        prompt,
        request,
        completion,
        adapter,
        signal: attempt.signal,
      }));
    const accepted = cascade?.outcome === "accepted" ? cascade : undefined;
    const first =
      accepted?.generation ??
      (await generateComplete(request, {
        ...completion,
        extendHold: (amount) => extendHold(sql, ctx.run.id, attemptNo, amount, `continue ${decision.model}`),
      }));
    const guarded = await guardDraft(
      ctx,
      first,
      { ...(deps.guard ?? defaultGuard()), sql },
      {
        runId: ctx.run.id,
        attempt: attemptNo,
        request: accepted?.request ?? request,
        completion,
      },
    );
    const { generation } = guarded;
    // The gate judged the cheaper draft; a draft the guard rewrote is judged as any run's would be.
    const isGateJudgeKept = accepted !== undefined && guarded.regenerations === 0;
    const judge = isGateJudgeKept
      ? accepted.judge
      : await judgeDraft(judgePlan, route.isJudgeHeld, adapter, generation.text, attempt.signal);
    const cascadeRecord =
      accepted && !isGateJudgeKept
        ? { ...accepted.record, gateJudgeCostMicros: accepted.judge.costMicros ?? 0 }
        : cascade?.record;
    const routeReason = generation.isFallback
      ? "provider_fallback"
      : cascade && cascade.outcome !== "skipped"
        ? `cascade_${cascade.outcome}`
        : decision.reason;
    const { checks, isRecorded } = await recordSuccess(sql, ctx, {
      generation,
      judge,
      routeReason,
      targetWords: prompt.targetWords,
      prompt: {
        cacheNote: accepted?.cacheNote ?? cache.note,
        exampleCount: prompt.prefix.exampleCount,
        examples: prompt.prefix.examples,
      },
      guarded,
      cascade: cascadeRecord,
      routingOverheadMicros: tier.overheadMicros,
    });
    // The breaker weighs the classifier's cost against what the run it routed cost in all.
    if (isRecorded && tier.router.classifier) {
      const runCost = generation.costMicros + (judge.costMicros ?? 0) + tier.overheadMicros;
      if (runCost > 0) (deps.router ?? defaultHybridRouter()).breaker.recordOverhead(tier.overheadMicros / runCost);
    }
    return {
      status: "succeeded",
      runId: ctx.run.id,
      model: generation.model,
      checksScore: checks.score,
      judgeStatus: judge.status,
      role: ctx.role,
      costMicros: generation.costMicros + (judge.costMicros ?? 0) + tier.overheadMicros,
      usage: generation.usage,
      isRecorded,
      pauseLaneMs: quotaPause(generation.last.rateLimit),
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
async function startWithoutHold(
  sql: Sql,
  runId: string,
  attemptNo: number,
  source?: "real" | "simulated",
): Promise<number> {
  const started = await startAttempt(sql, { runId, amountMicros: 0, attempt: attemptNo, source });
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
  source: "real" | "simulated",
  isAttemptStarted: boolean,
): Promise<Omit<Extract<AgentJobOutcome, { status: "refused_credits" }>, "role">> {
  // Started for the hybrid router's classifier: the refusal returns that hold too, as it charges nothing.
  const balanceMicros = isAttemptStarted
    ? await balanceWithHold(sql, runId)
    : await startWithoutHold(sql, runId, attemptNo, source);
  const message = `${decision.message} Balance: ${formatUsd(balanceMicros)}.`;
  await refuseRun(sql, runId, attemptNo, {
    message,
    reason: decision.reason,
    complexity: decision.complexity,
    signals: { ...signals, requiredMicros: decision.requiredMicros },
    requiredMicros: decision.requiredMicros,
  });
  return { status: "refused_credits", runId, message, reason: decision.reason };
}

/** The tenant's balance once the run's hold is returned. */
async function balanceWithHold(sql: Sql, runId: string): Promise<number> {
  const { balanceMicros, reservedMicros } = await readRunCredits(sql, runId);
  return balanceMicros + reservedMicros;
}

/** How long to pause a lane when the provider reports a spent quota; undefined while there is room. */
function quotaPause(limit: RateLimitInfo | undefined): number | undefined {
  if (!limit?.resetAt) return undefined;
  const isSpent = limit.requestsRemaining === 0 || limit.tokensRemaining === 0;
  const waitMs = limit.resetAt.getTime() - Date.now();
  return isSpent && waitMs > 0 ? waitMs : undefined;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
