import type { PrismaClient } from "@switchyard/db";
import { releaseReservation } from "../credits";

/**
 * Starts an attempt: the run's own counter numbers it (BullMQ does not count a
 * stalled job's replay as a new attempt), and a hold left by an attempt that died
 * mid-call is returned before a new one is taken. Returns undefined when the run
 * is already final (a failed run stays failed: its rollup has counted it).
 */
export async function claimAttempt(db: PrismaClient, runId: string): Promise<number | undefined> {
  const rows = await db.$queryRaw<{ attempts: number; reserved: bigint }[]>`
    UPDATE agent_runs SET status = 'running', attempts = attempts + 1,
      started_at = COALESCE(started_at, now()), finished_at = NULL
    WHERE id = ${runId}::uuid AND status IN ('queued', 'running') AND settled_at IS NULL
    RETURNING attempts, reserved_micros AS reserved`;
  const row = rows[0];
  if (!row) return undefined;
  if (row.reserved > 0n) await releaseReservation(db, runId, row.attempts - 1);
  return row.attempts;
}
