import type { PrismaClient } from "@switchyard/db";
import { CAP_WARNING_SHARE, type CapPosition } from "../runs/spend-caps";
import { emitTenantEvent, type WebhookEmitDeps } from "./emit-run-event";
import { type BudgetWarningData, budgetWarningEventId } from "./webhook-events";

/**
 * Tells the tenant's endpoints its spend reached 80% of a cap this period, once per cap and period: the
 * event is emitted first (its id names the tenant, cap and period, so a second emission delivers nothing
 * new), then the period is marked on the tenant row so later holds skip this call. A crash between the two
 * only means the next hold emits the same event again.
 */
export async function emitBudgetWarning(
  deps: WebhookEmitDeps,
  tenantId: string,
  cap: CapPosition,
  periodStart: string,
): Promise<number> {
  const data: BudgetWarningData = {
    period: cap.period,
    periodStart,
    capMicros: cap.capMicros,
    spentMicros: cap.spentMicros,
    threshold: CAP_WARNING_SHARE,
  };
  const queued = await emitTenantEvent(deps, {
    id: budgetWarningEventId(tenantId, cap.period, periodStart),
    type: "budget.warning",
    createdAt: new Date().toISOString(),
    tenantId,
    data,
  });
  await markWarned(deps.db, tenantId, cap.period, periodStart);
  return queued;
}

async function markWarned(db: PrismaClient, tenantId: string, period: CapPosition["period"], periodStart: string) {
  const day = new Date(`${periodStart}T00:00:00Z`);
  await db.tenant.update({
    where: { id: tenantId },
    data: period === "daily" ? { capWarnedDay: day } : { capWarnedMonth: day },
  });
}
