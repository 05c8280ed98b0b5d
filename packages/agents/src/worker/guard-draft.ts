import type { Sql } from "@switchyard/db";
import { ProviderError } from "../adapters/provider-error";
import type { GenerateRequest } from "../adapters/types";
import {
  avoidRepeatNote,
  type Candidate,
  candidateWindow,
  checkDraft,
  type DraftCheck,
  type GuardScoring,
  readCandidates,
} from "../near-duplicates";
import { worstCaseCost } from "../prompts/cache-plan";
import { defaultSpecialists, parseSpecialistsEnv } from "../specialists";
import { type DuplicateRecord, extendHold } from "../runs";
import { CONTENT_KIND_BY_ROLE } from "../tasks/content-kind";
import { addUsage, type CompleteGeneration, type CompletionDeps, generateComplete } from "./generate-complete";
import type { RunContext } from "./load-run-context";

export interface GuardDeps extends GuardScoring {
  sql: Sql;
  /** @defaultValue MAX_DUPLICATE_CANDIDATES */
  maxCandidates?: number;
  now?: () => Date;
}

let fromEnv: Omit<GuardDeps, "sql"> | undefined;

/** The deployment's guard: its specialist provider and SIE_DUPLICATE_THRESHOLD, read once per process. */
export function defaultGuard(): Omit<GuardDeps, "sql"> {
  fromEnv ??= { specialists: defaultSpecialists(), sieThreshold: parseSpecialistsEnv().SIE_DUPLICATE_THRESHOLD };
  return fromEnv;
}

export interface GuardedDraft {
  /** The draft kept, with every generation call's tokens and cost added up (a regeneration is charged too). */
  generation: CompleteGeneration;
  /** 1 when the guard asked for a second draft. */
  regenerations: number;
  /** Undefined when the role's guard is off. */
  record?: DuplicateRecord;
  /** The kept draft's vector, when an encoder made one. */
  embedding?: { vector: number[]; model: string };
}

/** How to ask for a second draft: the first call's request and completion settings, and the hold to extend. */
export interface Regeneration {
  runId: string;
  attempt: number;
  request: GenerateRequest;
  completion: Omit<CompletionDeps, "extendHold">;
}

/**
 * The near-duplicate guard after a generation: the draft is compared with the tenant's approved and
 * published pieces of its kind in the role's window. Too close, and it is written once more with the
 * near-twin named as something not to repeat — after the hold grows by that call's worst case, so both
 * calls are paid from escrow; if the tenant cannot afford it, or the second draft is still too close, the
 * closer-to-new of the two is kept and flagged for review. Without a way to regenerate (a Message Batch
 * result), a near-duplicate is flagged at once. A guard that cannot score (a specialist error, an
 * uncalibrated model) never costs the tenant its draft: the run records it as unchecked.
 */
export async function guardDraft(
  ctx: RunContext,
  first: CompleteGeneration,
  deps: GuardDeps,
  regeneration?: Regeneration,
): Promise<GuardedDraft> {
  const now = deps.now?.() ?? new Date();
  const window = candidateWindow({ now, windowDays: ctx.run.duplicateWindowDays, maxCandidates: deps.maxCandidates });
  if (!window) return { generation: first, regenerations: 0 };
  const kind = CONTENT_KIND_BY_ROLE[ctx.role];
  const { sql } = deps;
  const checks: object[] = [];
  const check = async (draft: string, label: string, candidates: Candidate[]) => {
    const started = performance.now();
    const result = await checkDraft(sql, ctx.run.tenantId, draft, candidates, deps);
    checks.push(describe(label, result, performance.now() - started));
    return result;
  };
  let candidates: Candidate[];
  let firstCheck: DraftCheck;
  try {
    candidates = await readCandidates(sql, { tenantId: ctx.run.tenantId, kind }, window);
    firstCheck = await check(first.text, "first", candidates);
  } catch (error) {
    return unchecked(first, 0, [...checks, { draft: "first", error: messageOf(error) }]);
  }
  if (!firstCheck.isDuplicate || !firstCheck.closest) return kept(first, 0, firstCheck, checks, "clear");
  if (!regeneration) {
    checks.push({ draft: "regenerated", error: "not regenerated: a batch result is flagged, not rewritten live" });
    return kept(first, 0, firstCheck, checks, "flagged");
  }
  const second = await regenerate(sql, regeneration, avoidRepeatNote(firstCheck.closest), checks);
  if (!second) return kept(first, 0, firstCheck, checks, "flagged");
  const both = combined(first, second);
  let secondCheck: DraftCheck;
  try {
    secondCheck = await check(second.text, "regenerated", candidates);
  } catch (error) {
    checks.push({ draft: "regenerated", error: messageOf(error) });
    return kept(both, 1, firstCheck, checks, "flagged");
  }
  if (!secondCheck.isDuplicate) return kept({ ...both, ...keptPart(second) }, 1, secondCheck, checks, "regenerated");
  // Both too close: keep the one further from what was approved (the second on a tie: it was told what to avoid).
  // Stored vectors are float32, so a copy scores 1 ± 1e-7: closer than a millionth counts as a tie.
  const margin = (secondCheck.closest?.similarity ?? 0) - firstCheck.closest.similarity;
  const isFirstFurther = margin > 1e-6;
  return isFirstFurther
    ? kept({ ...both, ...keptPart(first) }, 1, firstCheck, checks, "flagged")
    : kept({ ...both, ...keptPart(second) }, 1, secondCheck, checks, "flagged");
}

/** The second draft, or undefined when its hold could not be extended or the provider failed it. */
async function regenerate(
  sql: Sql,
  r: Regeneration,
  note: string,
  checks: object[],
): Promise<CompleteGeneration | undefined> {
  const [ask] = r.request.messages;
  const request = { ...r.request, messages: [{ role: "user" as const, content: `${ask?.content ?? ""}\n\n${note}` }] };
  const worstCase = worstCaseCost(r.request.model, request);
  const hold = (amount: number, purpose: "regenerate" | "regenerate-extended") =>
    extendHold(sql, r.runId, r.attempt, amount, `${purpose} ${r.request.model}`, purpose);
  if (!(await hold(worstCase, "regenerate"))) {
    checks.push({ draft: "regenerated", error: "not regenerated: the balance does not cover a second call" });
    return undefined;
  }
  try {
    return await generateComplete(request, {
      ...r.completion,
      extendHold: (amount) => hold(amount, "regenerate-extended"),
    });
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    checks.push({ draft: "regenerated", error: `not regenerated: ${error.message}`.slice(0, 500) });
    return undefined;
  }
}

/** Both calls' tokens and cost, charged together; text, model and stop from the later one until a draft is kept. */
function combined(first: CompleteGeneration, second: CompleteGeneration): CompleteGeneration {
  return {
    ...second,
    usage: addUsage(first.usage, second.usage),
    costMicros: first.costMicros + second.costMicros,
    continuations: first.continuations + second.continuations,
  };
}

function keptPart(g: CompleteGeneration) {
  return { text: g.text, model: g.model, isFallback: g.isFallback, isTruncated: g.isTruncated, last: g.last };
}

function kept(
  generation: CompleteGeneration,
  regenerations: number,
  decided: DraftCheck,
  checks: object[],
  outcome: "clear" | "regenerated" | "flagged",
): GuardedDraft {
  const record: DuplicateRecord = {
    outcome: decided.threshold === undefined && decided.candidates > 0 ? "unchecked" : outcome,
    closestContentId: decided.closest?.contentId,
    similarity: decided.closest?.similarity,
    threshold: decided.threshold,
    provider: decided.source?.provider,
    model: decided.source?.model,
    checks,
  };
  return { generation, regenerations, record, ...(decided.draftEmbedding && { embedding: decided.draftEmbedding }) };
}

function unchecked(generation: CompleteGeneration, regenerations: number, checks: object[]): GuardedDraft {
  return { generation, regenerations, record: { outcome: "unchecked", checks } };
}

function describe(draft: string, c: DraftCheck, ms: number) {
  return {
    draft,
    candidates: c.candidates,
    closestContentId: c.closest?.contentId,
    closestRunId: c.closest?.runId,
    similarity: c.closest?.similarity,
    threshold: c.threshold,
    provider: c.source?.provider,
    model: c.source?.model,
    encoded: c.encoded,
    ms: Math.round(ms * 1000) / 1000,
  };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
