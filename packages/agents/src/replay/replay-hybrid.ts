import { Prisma, type PrismaClient } from "@switchyard/db";
import type { AgentRole } from "../lib/agent-roles";
import { SwitchyardError } from "../lib/errors";
import { planRoute, TASK_COMPLEXITIES, type TaskComplexity } from "../lib/model-router";
import type { ReplayScope } from "./load-replay";
import { priceUsage } from "./price-usage";
import type { UsageSums } from "./replay-groups";
import type { ReplayPolicy } from "./replay-policy";

/** Close calls of one kind: who decided, the heuristic's tier and the run's, with token sums. */
export interface CloseCallGroup {
  role: string;
  floor: string;
  decidedBy: "heuristic" | "classifier";
  heuristicTier: TaskComplexity;
  tier: TaskComplexity;
  isBatch: boolean;
  runs: number;
  usage: UsageSums;
  overheadMicros: bigint;
  latencySumMs: number;
  latencyMaxMs: number;
}

export interface HybridMove {
  role: string;
  from: string;
  to: string;
  runs: number;
}

/** What the hybrid router changed in the range, from the runs that recorded a classifier decision. */
export interface HybridReplay {
  /** Runs the rules called a close call (recorded since the hybrid router exists), in either router mode. */
  closeCalls: number;
  /** Close calls a classifier decided (its tier, same or not). */
  classifiedRuns: number;
  /** Of those, runs the classifier moved off the heuristic's tier. */
  changedRuns: number;
  moves: HybridMove[];
  /** The classified runs' generations on their tier's model, under the policy's table and floor. */
  asRunMicros: number;
  /** The same tokens on the heuristic tier's model: what the runs would have cost with the heuristic alone. */
  heuristicMicros: number;
  /** The classifier's calls: the routing overhead charged with those runs. */
  overheadMicros: number;
  meanLatencyMs?: number;
  maxLatencyMs?: number;
  note: string;
}

/**
 * The tenant's close calls finished in the range (agent_runs_close_call_idx keeps this to them), grouped by
 * who decided, the heuristic's tier and the run's, with token sums and the classifier's overhead. Runs that a
 * credit shortfall or a provider fallback put on their model are left out: their model was not the tier's.
 */
export async function loadCloseCalls(db: Pick<PrismaClient, "$queryRaw">, scope: ReplayScope) {
  const start = new Date(`${scope.from}T00:00:00Z`);
  const end = new Date(Date.parse(`${scope.to}T00:00:00Z`) + 86_400_000);
  const sources = scope.sources ? Prisma.sql`AND source::text = ANY(${scope.sources}::text[])` : Prisma.empty;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT role, model AS floor, routing_signals #>> '{router,decidedBy}' AS decided_by,
      routing_signals #>> '{router,heuristicTier}' AS heuristic_tier, task_complexity::text AS tier,
      batch_saving_micros IS NOT NULL AS is_batch, count(*)::int AS runs,
      sum(input_tokens)::bigint AS input, sum(output_tokens)::bigint AS output,
      COALESCE(sum(cache_read_tokens), 0)::bigint AS cache_read,
      COALESCE(sum(cache_write_tokens), 0)::bigint AS cache_write,
      COALESCE(sum(cache_write_1h_tokens), 0)::bigint AS cache_write_1h,
      COALESCE(sum((routing_signals #>> '{router,classifier,costMicros}')::bigint), 0)::bigint AS overhead,
      COALESCE(sum((routing_signals #>> '{router,classifier,latencyMs}')::float8), 0) AS latency_sum,
      COALESCE(max((routing_signals #>> '{router,classifier,latencyMs}')::float8), 0) AS latency_max
    FROM agent_runs
    WHERE tenant_id = ${scope.tenantId}::uuid AND finished_at >= ${start} AND finished_at < ${end}
      AND status = 'succeeded' AND (routing_signals #> '{router,boundary}') IS NOT NULL
      AND task_complexity IS NOT NULL AND input_tokens IS NOT NULL AND output_tokens IS NOT NULL
      AND COALESCE(model_route_reason NOT IN ('credit_limit', 'provider_fallback'), true) ${sources}
    GROUP BY 1, 2, 3, 4, 5, 6`;
  const tier = (v: unknown): TaskComplexity =>
    (TASK_COMPLEXITIES as readonly string[]).includes(String(v)) ? (String(v) as TaskComplexity) : "standard";
  return rows.map((r): CloseCallGroup => ({
    role: String(r.role),
    floor: String(r.floor),
    decidedBy: r.decided_by === "classifier" ? "classifier" : "heuristic",
    heuristicTier: tier(r.heuristic_tier),
    tier: tier(r.tier),
    isBatch: r.is_batch === true,
    runs: Number(r.runs),
    usage: {
      inputTokens: BigInt(String(r.input)),
      outputTokens: BigInt(String(r.output)),
      cacheReadTokens: BigInt(String(r.cache_read)),
      cacheWriteTokens: BigInt(String(r.cache_write)),
      cacheWrite1hTokens: BigInt(String(r.cache_write_1h)),
    },
    overheadMicros: BigInt(String(r.overhead)),
    latencySumMs: Number(r.latency_sum),
    latencyMaxMs: Number(r.latency_max),
  }));
}

/**
 * What hybrid mode changed, priced like the rest of the replay (the policy's table and floors, the same
 * tokens on either model, cache as recorded): each classified run on its tier's model against the heuristic
 * tier's model, plus the classifier's recorded overhead. Runs the heuristic decided cannot say what a
 * classifier would have chosen; they are counted, not priced.
 */
export function computeHybridReplay(groups: CloseCallGroup[], policy: ReplayPolicy): HybridReplay {
  let asRun = 0n;
  let heuristic = 0n;
  let overhead = 0n;
  let latencySum = 0;
  let latencyMax: number | undefined;
  let classified = 0;
  let changed = 0;
  const moves = new Map<string, HybridMove>();
  for (const g of groups) {
    if (g.decidedBy !== "classifier") continue;
    const role = g.role as AgentRole;
    const floor = policy.floors[role] ?? g.floor;
    // The router's own plan for each tier: the policy's table, never below the floor.
    const price = (t: TaskComplexity) =>
      priceUsage(planRoute(role, t, floor, policy.routing)[0].model, g.usage, g.isBatch);
    try {
      const [chosen, rules] = [price(g.tier), price(g.heuristicTier)];
      asRun += chosen;
      heuristic += rules;
    } catch (error) {
      // A floor the catalog no longer prices: left out, as the replay's unpriced runs are.
      if (!(error instanceof SwitchyardError)) throw error;
      continue;
    }
    classified += g.runs;
    overhead += g.overheadMicros;
    latencySum += g.latencySumMs;
    latencyMax = Math.max(latencyMax ?? 0, g.latencyMaxMs);
    if (g.tier === g.heuristicTier) continue;
    changed += g.runs;
    const key = `${g.role}|${g.heuristicTier}|${g.tier}`;
    const move = moves.get(key) ?? { role: g.role, from: g.heuristicTier, to: g.tier, runs: 0 };
    move.runs += g.runs;
    moves.set(key, move);
  }
  const closeCalls = groups.reduce((n, g) => n + g.runs, 0);
  return {
    closeCalls,
    classifiedRuns: classified,
    changedRuns: changed,
    moves: [...moves.values()],
    asRunMicros: Number(asRun),
    heuristicMicros: Number(heuristic),
    overheadMicros: Number(overhead),
    ...(classified > 0 && { meanLatencyMs: latencySum / classified, maxLatencyMs: latencyMax }),
    note:
      classified === 0
        ? `No run in this range recorded a classifier decision (${closeCalls} close calls, all decided by the ` +
          "heuristic): there is nothing to say about what hybrid mode would have changed. Turn it on for a role " +
          "on the config tab to gather some."
        : `From ${classified} runs a classifier decided, of ${closeCalls} close calls; the rest were decided by ` +
          "the heuristic and cannot say what a classifier would have chosen. Same tokens assumed on either model.",
  };
}
