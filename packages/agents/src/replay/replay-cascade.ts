import { Prisma, type PrismaClient } from "@switchyard/db";
import { isMoreCapable, type ModelId, nextModelDown } from "../lib/model-catalog";
import { type Interval, wilsonInterval } from "../quality/statistics";
import { priceUsage } from "./price-usage";
import type { ReplayGroup } from "./replay-groups";
import type { ReplayPolicy } from "./replay-policy";
import type { ReplayScope } from "./load-replay";
import { replayCache, type ReplayedGroup } from "./route-replay";

/** What a role's cascaded runs recorded at its gate, re-thresholded at the policy's bar. */
export interface GateStats {
  role: string;
  threshold: number;
  /** Cascaded runs whose gate judge scored the draft (the tenant's whole history). */
  n: number;
  /** Of those, drafts whose checks' score and judge score both reach the threshold. */
  passed: number;
  /** The gate judge's calls, summed over the n runs. */
  gateJudgeMicros: bigint;
  /** Mean judge score of the drafts that pass at the threshold; undefined when none does. */
  passedJudgeMean?: number;
}

/** The cascade estimate of one role, as the replay shows it. */
export interface CascadeEstimate {
  threshold: number;
  /** Recorded gate outcomes behind the estimate; 0: no estimate (the role's runs are priced without it). */
  n: number;
  /** Share of cheaper drafts kept at the threshold, with its 95% Wilson interval. */
  acceptance?: Interval;
  passedJudgeMean?: number;
  /** Runs the cascade would run on (live, first drafts, with a cheaper model at or above the floor). */
  cascadedRuns: number;
  /** Those runs' generations without the cascade, and with it: cheaper call + gate judge + escalations. */
  withoutMicros: number;
  withMicros: number;
  /** `withMicros` at the interval's ends of the acceptance (high acceptance is the cheap end). */
  withLowMicros: number;
  withHighMicros: number;
  note: string;
}

const GATE_PASSED = (threshold: Prisma.Sql) => Prisma.sql`(cascade #>> '{gate,checksScore}')::float8 >= ${threshold}
  AND (cascade #>> '{gate,judgeScore}')::float8 >= ${threshold}`;

/**
 * The gate scores of the tenant's cascaded runs of each role the policy cascades (whole history, as the
 * quality cells: a gate's pass rate is not a property of the dates), counted at the policy's threshold:
 * the partial index agent_runs_cascade_gate_idx keeps it to the cascaded runs.
 */
export async function loadGateStats(
  db: Pick<PrismaClient, "$queryRaw">,
  scope: ReplayScope,
  cascade: ReplayPolicy["cascade"],
): Promise<GateStats[]> {
  const entries = Object.entries(cascade);
  if (entries.length === 0) return [];
  const roles = entries.map(([role]) => role);
  const thresholds = entries.map(([, c]) => c.threshold);
  const sources = scope.sources ? Prisma.sql`AND r.source::text = ANY(${scope.sources}::text[])` : Prisma.empty;
  const passed = GATE_PASSED(Prisma.sql`p.threshold`);
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT p.role, p.threshold, count(*)::int AS n, (count(*) FILTER (WHERE ${passed}))::int AS passed,
      COALESCE(sum(COALESCE((cascade ->> 'gateJudgeCostMicros')::bigint,
        CASE WHEN cascade ->> 'outcome' = 'accepted' THEN judge_cost_micros END, 0)), 0)::bigint AS gate_judge,
      avg((cascade #>> '{gate,judgeScore}')::float8) FILTER (WHERE ${passed}) AS passed_mean
    FROM agent_runs r JOIN unnest(${roles}::text[], ${thresholds}::float8[]) AS p(role, threshold) ON p.role = r.role
    WHERE r.tenant_id = ${scope.tenantId}::uuid AND r.status = 'succeeded' AND (r.cascade -> 'gate') IS NOT NULL
      AND (r.cascade #>> '{gate,judgeScore}') IS NOT NULL ${sources}
    GROUP BY 1, 2`;
  return rows.map((r) => ({
    role: String(r.role),
    threshold: Number(r.threshold),
    n: Number(r.n),
    passed: Number(r.passed),
    gateJudgeMicros: BigInt(String(r.gate_judge)),
    ...(r.passed_mean != null && { passedJudgeMean: Number(r.passed_mean) }),
  }));
}

/** One group's generations under the cascade: each end of the acceptance interval, and the estimate. */
export interface CascadedGroup {
  isCascaded: boolean;
  micros: bigint;
  lowMicros: bigint;
  highMicros: bigint;
}

/**
 * The cascade on one replayed group: the next model down writes every run (the same tokens, its own cache
 * rules), the gate judge costs its recorded mean per run, and the share the gate would turn down at the
 * threshold (1 − recorded acceptance) is written again by the routed model. Not run on batched work,
 * revisions, or when nothing cheaper sits at or above the floor (as the worker skips it).
 */
export function cascadeGroup(
  group: ReplayGroup,
  replayed: ReplayedGroup,
  floor: ModelId,
  gate: GateStats,
  caching: ReplayPolicy["caching"],
): CascadedGroup {
  const none = { isCascaded: false, micros: replayed.generationMicros };
  const cheap = nextModelDown(replayed.model);
  const isSkipped = replayed.isBatch || group.isRevision || !cheap || isMoreCapable(floor, cheap) || gate.n === 0;
  if (isSkipped || !cheap) return { ...none, lowMicros: none.micros, highMicros: none.micros };
  const cheapMicros = priceUsage(cheap, replayCache(group, cheap, caching), false);
  const judge = (gate.gateJudgeMicros * BigInt(group.runs)) / BigInt(gate.n);
  const withAcceptance = (accepted: number) => {
    // Escalations in parts per million of the group's runs, so the sum stays in BigInt.
    const rejectedPpm = BigInt(Math.round((1 - accepted) * 1_000_000));
    return cheapMicros + judge + (replayed.generationMicros * rejectedPpm) / 1_000_000n;
  };
  const interval = wilsonInterval(gate.passed, gate.n);
  return {
    isCascaded: true,
    micros: withAcceptance(gate.passed / gate.n),
    lowMicros: withAcceptance(interval?.high ?? gate.passed / gate.n),
    highMicros: withAcceptance(interval?.low ?? gate.passed / gate.n),
  };
}

export function describeCascade(gate: GateStats | undefined, threshold: number): Pick<CascadeEstimate, "n" | "note"> {
  if (!gate || gate.n === 0) {
    return {
      n: 0,
      note:
        "No cascaded run of this role recorded a gate score: no estimate, its runs are priced without the cascade. " +
        "Turn the cascade on for a while to gather some.",
    };
  }
  return {
    n: gate.n,
    note:
      `An estimate: ${gate.passed} of ${gate.n} recorded cheaper drafts reached ${threshold} on both the checks ` +
      "and the judge; the cheaper model is assumed to write the same tokens, and each gate judge to cost the " +
      "recorded mean.",
  };
}
