import {
  type ContentKind,
  type JudgeStatus,
  ledgerKind,
  prepareTyped,
  runTyped,
  type Sql,
  typedSql,
  upsertRunRollup,
} from "@switchyard/db";
import { sql } from "kysely";
import { assertAmount, toMicros } from "../credits/amounts";
import { readRunCredits } from "../credits/read-run-credits";
import { explainUnchanged, readRunState, RUN_TRANSITIONS } from "./run-states";
import { capHeadroom, spendColumns } from "./spend-caps";

export interface SettlementResult {
  /** False when the run had been settled already: nothing moved this time. */
  isSettled: boolean;
  chargedMicros: number;
  balanceAfterMicros: number;
}

/** The judge's part in a settled run: not sampled, skipped (credits short), scored, or failed with the reason. */
export interface JudgeRecord {
  status: JudgeStatus;
  model?: string;
  rubricVersion?: string;
  /** Included in the run's charge; kept apart as the evaluation cost. */
  costMicros?: number;
  inputTokens?: number;
  outputTokens?: number;
  score?: number;
  scores?: object;
  /** Why it failed or was skipped. */
  error?: string;
}

/** What the near-duplicate guard found about the draft a run kept (see worker/guard-draft.ts). */
export interface DuplicateRecord {
  outcome: "clear" | "regenerated" | "flagged" | "unchecked";
  /** The tenant's piece closest to the kept draft, and how close; none when there was nothing to compare. */
  closestContentId?: string;
  similarity?: number;
  threshold?: number;
  provider?: string;
  model?: string;
  /** Each comparison made, the first draft's included. */
  checks: object[];
}

/** What a successful attempt produced: stored with the charge, or not at all. */
export interface RunResult {
  model: string;
  routeReason: string;
  /** The generation's calls, a continuation included (the judge's tokens are in `judge`). */
  usage: {
    inputTokens: number;
    outputTokens: number;
    cacheReadTokens?: number;
    cacheWriteTokens?: number;
    cacheWrite1hTokens?: number;
  };
  /** What prompt caching did for the generation. */
  cache?: { savingMicros: number; note: string; exampleCount: number };
  /** Which approved pieces the prompt carried and how well they fit the brief (examples/examples-mode.ts). */
  promptExamples?: object;
  /** The cascade, when the role has it on (worker/cascade.ts): outcome, the cheaper call, the gate's scores. */
  cascade?: object;
  /** Settled from a Message Batch: the live price of the same usage minus what the batch billed. */
  batchSavingMicros?: number;
  baselineCostMicros: number;
  priceBookVersion: string;
  /** Calls that continued a generation cut off at max_tokens. */
  continuations: number;
  judge: JudgeRecord;
  /** Undefined when the role's guard is off. */
  duplicates?: DuplicateRecord;
  content: {
    kind: ContentKind;
    title: string;
    body: string;
    checksScore: number;
    qualityChecks: object;
    /** The draft's dense vector when the guard made one, kept for the next runs' comparisons. */
    embedding?: { vector: number[]; model: string };
  };
}

interface SettleParams extends Record<string, unknown> {
  runId: string;
  cost: number;
  model: string;
  reason: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cacheWrite1hTokens: number;
  cacheSaving: number | null;
  cacheNote: string | null;
  exampleCount: number | null;
  promptExamples: string | null;
  cascade: string | null;
  batchSaving: number | null;
  baselineCost: number;
  priceBook: string;
  continuations: number;
  checksScore: number;
  judgeStatus: JudgeStatus;
  judgeScore: number | null;
  judgeScores: string | null;
  judgeModel: string | null;
  judgeRubric: string | null;
  judgeCost: number | null;
  judgeInputTokens: number | null;
  judgeOutputTokens: number | null;
  judgeError: string | null;
  duplicateOutcome: string | null;
  duplicateContentId: string | null;
  duplicateSimilarity: number | null;
  duplicateThreshold: number | null;
  duplicateProvider: string | null;
  duplicateModel: string | null;
  duplicateChecks: string | null;
  kind: ContentKind;
  title: string;
  body: string;
  checks: string;
  embedding: number[] | null;
  embeddingModel: string | null;
}

/**
 * running → succeeded: charges the actual cost, returns the rest of the hold, stores the
 * content, marks the run succeeded and counts it in its rollup: one statement, so one
 * commit, and a crash before it leaves the hold for the next attempt to release.
 *
 * Once per run: the run row's status and settled_at are the guard, re-checked under its
 * row lock, so a replay (a stalled job finishing twice) moves and writes nothing. If the
 * provider used more than was held (an input estimate too low), the excess is charged
 * only as far as the balance and the spend caps allow and the ledger note says so: the
 * balance never goes negative and the spend never crosses a cap. Locks are taken run row
 * first, then tenant row, as the hold does.
 */
const SETTLE_RUN = prepareTyped("settle-run", (p: SettleParams) => {
  const cost = sql<string>`${p.cost}::bigint`;
  return typedSql
    .with("run", (db) =>
      db
        .selectFrom("agent_runs")
        .select(["id", "tenant_id", "reserved_micros as held", "held_on"])
        .where("id", "=", p.runId)
        .where("status", "in", RUN_TRANSITIONS.settle.from)
        .where("settled_at", "is", null)
        .forUpdate(),
    )
    .with("tenant", (db) =>
      db
        .selectFrom("tenants")
        .innerJoin("run", "run.tenant_id", "tenants.id")
        .select(["tenants.id", "tenants.balance_micros", capHeadroom("run.held_on").as("headroom")])
        .forUpdate("tenants"),
    )
    .with("delta", (db) =>
      db
        .selectFrom(["run", "tenant"])
        .select(sql<string>`GREATEST(run.held - ${cost}, -tenant.balance_micros, -tenant.headroom)`.as("amount")),
    )
    .with("t", (db) =>
      db
        .updateTable("tenants")
        .from(["tenant", "delta", "run"])
        .set({
          balance_micros: sql`tenants.balance_micros + delta.amount`,
          // The charge replaces the hold in the spend of the day the hold was taken on.
          ...spendColumns({ heldOn: "run.held_on", onHeldDay: "-delta.amount", today: "0" }),
        })
        .whereRef("tenants.id", "=", "tenant.id")
        .returning(["tenants.id", "tenants.balance_micros"]),
    )
    .with("final_run", (db) =>
      db
        .updateTable("agent_runs")
        .from(["run", "delta"])
        .set({
          status: RUN_TRANSITIONS.settle.to,
          reserved_micros: "0",
          settled_at: sql<Date>`now()`,
          finished_at: sql<Date>`now()`,
          actual_cost_micros: sql<string>`run.held - delta.amount`,
          model_routed_to: p.model,
          model_route_reason: p.reason,
          input_tokens: sql<number>`${p.inputTokens}::int`,
          output_tokens: sql<number>`${p.outputTokens}::int`,
          cache_read_tokens: sql<number>`${p.cacheReadTokens}::int`,
          cache_write_tokens: sql<number>`${p.cacheWriteTokens}::int`,
          cache_write_1h_tokens: sql<number>`${p.cacheWrite1hTokens}::int`,
          cache_saving_micros: sql<string | null>`${p.cacheSaving}::bigint`,
          cache_note: sql<string | null>`${p.cacheNote}::text`,
          example_count: sql<number | null>`${p.exampleCount}::int`,
          prompt_examples: sql`${p.promptExamples}::jsonb`,
          cascade: sql`${p.cascade}::jsonb`,
          batch_saving_micros: sql<string | null>`${p.batchSaving}::bigint`,
          baseline_cost_micros: sql<string>`${p.baselineCost}::bigint`,
          price_book_version: p.priceBook,
          continuations: sql<number>`${p.continuations}::int`,
          checks_score: sql<number>`${p.checksScore}::float8`,
          judge_status: sql<JudgeStatus>`${p.judgeStatus}::"JudgeStatus"`,
          judge_score: sql<number | null>`${p.judgeScore}::float8`,
          judge_scores: sql`${p.judgeScores}::jsonb`,
          judge_model: sql<string | null>`${p.judgeModel}::text`,
          judge_rubric_version: sql<string | null>`${p.judgeRubric}::text`,
          judge_cost_micros: sql<string | null>`${p.judgeCost}::bigint`,
          judge_input_tokens: sql<number | null>`${p.judgeInputTokens}::int`,
          judge_output_tokens: sql<number | null>`${p.judgeOutputTokens}::int`,
          judge_error: sql<string | null>`${p.judgeError}::text`,
          duplicate_outcome: sql<string | null>`${p.duplicateOutcome}::text`,
          duplicate_content_id: sql<string | null>`${p.duplicateContentId}::uuid`,
          duplicate_similarity: sql<number | null>`${p.duplicateSimilarity}::float8`,
          duplicate_threshold: sql<number | null>`${p.duplicateThreshold}::float8`,
          duplicate_provider: sql<string | null>`${p.duplicateProvider}::text`,
          duplicate_model: sql<string | null>`${p.duplicateModel}::text`,
          duplicate_checks: sql`${p.duplicateChecks}::jsonb`,
          error: null,
        })
        .whereRef("agent_runs.id", "=", "run.id")
        .returningAll("agent_runs"),
    )
    .with("ledger", (db) =>
      db
        .insertInto("credit_ledger_entries")
        .columns(["tenant_id", "run_id", "kind", "amount_micros", "balance_after_micros", "idempotency_key", "note"])
        .expression(
          db.selectFrom(["t", "delta", "run"]).select([
            "t.id as tenant_id",
            "run.id as run_id",
            ledgerKind("settlement").as("kind"),
            "delta.amount as amount_micros",
            "t.balance_micros as balance_after_micros",
            sql<string>`'settle:' || run.id`.as("idempotency_key"),
            sql<string | null>`CASE WHEN run.held - delta.amount < ${cost}
              THEN 'usage exceeded the hold; charged what the balance and spend caps allowed' END`.as("note"),
          ]),
        ),
    )
    .with("content", (db) =>
      db
        .insertInto("content_items")
        .columns([
          "id",
          "tenant_id",
          "run_id",
          "kind",
          "title",
          "body",
          "checks_score",
          "quality_checks",
          "embedding",
          "embedding_model",
          "updated_at",
        ])
        .expression(
          db
            .selectFrom("run")
            .select([
              sql<string>`gen_random_uuid()`.as("id"),
              "run.tenant_id",
              "run.id as run_id",
              sql<ContentKind>`${p.kind}::"ContentKind"`.as("kind"),
              sql<string>`${p.title}::text`.as("title"),
              sql<string>`${p.body}::text`.as("body"),
              sql<number>`${p.checksScore}::float8`.as("checks_score"),
              sql`${p.checks}::jsonb`.as("quality_checks"),
              sql<number[] | null>`${p.embedding}::real[]`.as("embedding"),
              sql<string | null>`${p.embeddingModel}::text`.as("embedding_model"),
              sql<Date>`now()`.as("updated_at"),
            ]),
        ),
    )
    .with("rollup", (db) => upsertRunRollup(db))
    .selectNoFrom((eb) => [
      eb
        .selectFrom(["run", "delta"])
        .select(sql<string>`run.held - delta.amount`.as("charged"))
        .as("charged"),
      eb.selectFrom("t").select("t.balance_micros").as("balance"),
    ]);
});

export async function settleRun(
  db: Sql,
  runId: string,
  actualCostMicros: number,
  result: RunResult,
): Promise<SettlementResult> {
  assertAmount(actualCostMicros, { isZeroAllowed: true });
  const { usage, content, judge, duplicates } = result;
  const [row] = await runTyped(db, SETTLE_RUN, {
    runId,
    cost: actualCostMicros,
    model: result.model,
    reason: result.routeReason,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens ?? 0,
    cacheWriteTokens: usage.cacheWriteTokens ?? 0,
    cacheWrite1hTokens: usage.cacheWrite1hTokens ?? 0,
    cacheSaving: result.cache?.savingMicros ?? null,
    cacheNote: result.cache?.note ?? null,
    exampleCount: result.cache?.exampleCount ?? null,
    promptExamples: result.promptExamples ? JSON.stringify(result.promptExamples) : null,
    cascade: result.cascade ? JSON.stringify(result.cascade) : null,
    batchSaving: result.batchSavingMicros ?? null,
    baselineCost: result.baselineCostMicros,
    priceBook: result.priceBookVersion,
    continuations: result.continuations,
    checksScore: content.checksScore,
    judgeStatus: judge.status,
    judgeScore: judge.score ?? null,
    judgeScores: judge.scores ? JSON.stringify(judge.scores) : null,
    judgeModel: judge.model ?? null,
    judgeRubric: judge.rubricVersion ?? null,
    judgeCost: judge.costMicros ?? null,
    judgeInputTokens: judge.inputTokens ?? null,
    judgeOutputTokens: judge.outputTokens ?? null,
    judgeError: judge.error?.slice(0, 2000) ?? null,
    duplicateOutcome: duplicates?.outcome ?? null,
    duplicateContentId: duplicates?.closestContentId ?? null,
    duplicateSimilarity: duplicates?.similarity ?? null,
    duplicateThreshold: duplicates?.threshold ?? null,
    duplicateProvider: duplicates?.provider ?? null,
    duplicateModel: duplicates?.model ?? null,
    duplicateChecks: duplicates ? JSON.stringify(duplicates.checks) : null,
    kind: content.kind,
    title: content.title,
    body: content.body,
    checks: JSON.stringify(content.qualityChecks),
    embedding: content.embedding?.vector ?? null,
    embeddingModel: content.embedding?.model ?? null,
  });
  if (row?.charged != null && row.balance != null) {
    return { isSettled: true, chargedMicros: toMicros(row.charged), balanceAfterMicros: toMicros(row.balance) };
  }
  // Nothing moved: read the run as committed now (this statement's snapshot predates a concurrent settlement).
  explainUnchanged(runId, "settle", (await readRunState(db, runId)).status);
  const { balanceMicros } = await readRunCredits(db, runId);
  return { isSettled: false, chargedMicros: 0, balanceAfterMicros: balanceMicros };
}
