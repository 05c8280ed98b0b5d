import "server-only";
import type { Viewer } from "./auth";
import { db } from "./services";
import { listVisibleTenants } from "./tenants-view";

/** Balances of the viewer's tenants and their latest ledger entries. */
export async function loadCredits(viewer: Viewer) {
  const tenants = await listVisibleTenants(viewer);
  const ledger = await db().creditLedgerEntry.findMany({
    where: { tenantId: { in: tenants.map((t) => t.id) } },
    orderBy: { id: "desc" },
    take: 100,
    include: { tenant: { select: { name: true } } },
  });
  return { tenants, ledger };
}
