import type { AgentRun, Prisma, PrismaClient } from "@switchyard/db";

export interface CreatedRun {
  run: AgentRun;
  /** True when the idempotency key had already made this run: nothing new was written. */
  isDuplicate: boolean;
}

/**
 * (none) → queued: creates the run for a job id, or finds the one that job id already
 * made. One INSERT on the common path; two requests racing on one key both answer
 * with the winner's run.
 */
export async function createQueuedRun(
  db: PrismaClient,
  data: Prisma.AgentRunUncheckedCreateInput,
): Promise<CreatedRun> {
  const existing = await db.agentRun.findUnique({ where: { jobId: data.jobId } });
  if (existing) return { run: existing, isDuplicate: true };
  try {
    return { run: await db.agentRun.create({ data: { ...data, status: "queued" } }), isDuplicate: false };
  } catch (error) {
    const raced = await db.agentRun.findUnique({ where: { jobId: data.jobId } });
    if (raced) return { run: raced, isDuplicate: true };
    throw error;
  }
}
