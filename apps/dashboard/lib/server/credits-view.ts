import "server-only";
import { CAP_WARNING_SHARE, readSpendPositions, type SpendPosition } from "@switchyard/agents";
import { canAccess, type Viewer, visibleTenantIds } from "./auth";
import { db } from "./services";
import { listVisibleTenants } from "./tenants-view";

/** Balances of the viewer's tenants, where each stands against its spend caps, and the latest ledger entries. */
export async function loadCredits(viewer: Viewer) {
  const tenants = await listVisibleTenants(viewer);
  const positions = new Map(
    (
      await readSpendPositions(
        db(),
        tenants.map((t) => t.id),
      )
    ).map((p) => [p.tenantId, p]),
  );
  const withCaps = tenants.map((t) => ({
    ...t,
    position: positions.get(t.id) ?? emptyPosition(t.id),
    canSetCaps: canAccess(viewer, t.id, "owner"),
  }));
  const ledger = await db().creditLedgerEntry.findMany({
    where: { tenantId: { in: tenants.map((t) => t.id) } },
    orderBy: { id: "desc" },
    take: 100,
    include: { tenant: { select: { name: true } } },
  });
  return { tenants: withCaps, ledger };
}

function emptyPosition(tenantId: string): SpendPosition {
  return { tenantId, dailyCapMicros: null, spentTodayMicros: 0, monthlyCapMicros: null, spentThisMonthMicros: 0 };
}

export interface CapWarning {
  tenantId: string;
  tenantName: string;
  period: "daily" | "monthly";
  capMicros: number;
  spentMicros: number;
}

/**
 * The caps the viewer owns a tenant of (operators: every tenant) that spend has reached 80% of this period:
 * what the banner on every page shows. One small read of the tenant rows.
 */
export async function loadCapWarnings(viewer: Viewer): Promise<CapWarning[]> {
  const visible = visibleTenantIds(viewer);
  const owned = visible?.filter((id) => canAccess(viewer, id, "owner"));
  if (owned && owned.length === 0) return [];
  const tenants = await db().tenant.findMany({
    where: {
      ...(owned ? { id: { in: owned } } : {}),
      OR: [{ dailyCapMicros: { not: null } }, { monthlyCapMicros: { not: null } }],
    },
    select: { id: true, name: true },
  });
  const names = new Map(tenants.map((t) => [t.id, t.name]));
  const positions = await readSpendPositions(db(), [...names.keys()]);
  return positions.flatMap((p) => {
    const tenantName = names.get(p.tenantId) ?? p.tenantId;
    const caps = [
      { period: "daily" as const, capMicros: p.dailyCapMicros, spentMicros: p.spentTodayMicros },
      { period: "monthly" as const, capMicros: p.monthlyCapMicros, spentMicros: p.spentThisMonthMicros },
    ];
    return caps.flatMap(({ period, capMicros, spentMicros }) =>
      capMicros != null && spentMicros >= capMicros * CAP_WARNING_SHARE
        ? [{ tenantId: p.tenantId, tenantName, period, capMicros, spentMicros }]
        : [],
    );
  });
}
