import type { PrismaClient } from "@switchyard/db";
import { describeIssues, InvalidPayloadError } from "../lib/errors";
import { computeReplay, type ReplayResult } from "./compute-replay";
import { loadQualityCells, loadReplayGroups } from "./load-replay";
import { loadGateStats } from "./replay-cascade";
import { computeHybridReplay, type HybridReplay, loadCloseCalls } from "./replay-hybrid";
import { type ReplayPolicy, type ReplayRequest, ReplayRequestSchema } from "./replay-policy";

export interface ReplayAnswer extends ReplayResult {
  tenantId: string;
  from: string;
  to: string;
  policy: ReplayPolicy;
  /** What hybrid mode changed in the range, from the runs a classifier decided. */
  hybrid: HybridReplay;
}

/**
 * What a tenant's succeeded runs in a range would have cost under another policy, from their recorded
 * token counts (no model is called), with the quality side estimated from recorded judge scores and
 * reviews. Four reads at once: the runs grouped in PostgreSQL, the quality cells from the rollups, the gate
 * scores of cascaded runs (when the policy cascades a role) and the close calls the hybrid router recorded.
 */
export async function replayRuns(db: Pick<PrismaClient, "$queryRaw">, input: unknown): Promise<ReplayAnswer> {
  const parsed = ReplayRequestSchema.safeParse(input);
  if (!parsed.success) throw new InvalidPayloadError("replay request", describeIssues(parsed.error.issues, "body"));
  const request: ReplayRequest = parsed.data;
  const [groups, cells, gates, closeCalls] = await Promise.all([
    loadReplayGroups(db, request),
    loadQualityCells(db, request),
    loadGateStats(db, request, request.policy.cascade),
    loadCloseCalls(db, request),
  ]);
  return {
    tenantId: request.tenantId,
    from: request.from,
    to: request.to,
    policy: request.policy,
    ...computeReplay(groups, cells, request.policy, gates),
    hybrid: computeHybridReplay(closeCalls, request.policy),
  };
}
