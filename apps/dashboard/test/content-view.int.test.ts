import { randomUUID } from "node:crypto";
import { createTestRuns, createTestTenant } from "@switchyard/agents/testing";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "../lib/server/auth";
import { parseContentFilters } from "../lib/server/content-filters";
import { listContentPage } from "../lib/server/content-view";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const viewerOf = (...tenantIds: string[]): Viewer => ({
  id: randomUUID(),
  name: "editor",
  email: "editor@example.test",
  isOperator: false,
  roles: new Map(tenantIds.map((id) => [id, "editor"])),
});

/** A tenant with an approved piece, a draft the guard flagged as its near-twin, and a clear draft. */
async function tenantWithTwin() {
  const { tenant, config } = await createTestTenant(db);
  const [twinRun, flaggedRun, clearRun] = await createTestRuns(db, tenant.id, config.id, 3);
  const piece = (runId: string, title: string, status: "approved" | "draft") =>
    db.contentItem.create({
      data: { tenantId: tenant.id, runId, kind: "blog_post", title, body: `${title}: the body`, status },
    });
  const twin = await piece(twinRun!, "Spring menu", "approved");
  const flagged = await piece(flaggedRun!, "Spring menu again", "draft");
  const clear = await piece(clearRun!, "Winter hours", "draft");
  const guard = { duplicateThreshold: 0.1, duplicateProvider: "local", duplicateModel: "minhash-128-w2" };
  await db.agentRun.update({
    where: { id: flaggedRun },
    data: {
      ...guard,
      status: "succeeded",
      duplicateOutcome: "flagged",
      duplicateContentId: twin.id,
      duplicateSimilarity: 0.62,
      // A stored vector is the worker's business: the review queue never reads it.
    },
  });
  await db.contentItem.update({ where: { id: flagged.id }, data: { embedding: [0.5, 0.25], embeddingModel: "m" } });
  await db.agentRun.update({
    where: { id: clearRun },
    data: { ...guard, status: "succeeded", duplicateOutcome: "clear", duplicateSimilarity: 0.03 },
  });
  return { tenant, twin, flagged, clear };
}

describe("the review queue's near-duplicates (/content)", () => {
  it("lists flagged drafts with the piece they nearly repeat, inside the viewer's tenants only", async () => {
    const mine = await tenantWithTwin();
    const theirs = await tenantWithTwin();
    const viewer = viewerOf(mine.tenant.id);

    const flagged = await listContentPage(viewer, parseContentFilters({ status: "flagged" }));
    expect(flagged.total).toBe(1);
    const [item] = flagged.items;
    expect(item).toMatchObject({ id: mine.flagged.id, title: "Spring menu again" });
    expect(item?.run).toMatchObject({
      duplicateOutcome: "flagged",
      duplicateSimilarity: 0.62,
      duplicateThreshold: 0.1,
      duplicateModel: "minhash-128-w2",
      duplicateContent: {
        id: mine.twin.id,
        title: "Spring menu",
        body: "Spring menu: the body",
        status: "approved",
        runId: mine.twin.runId,
      },
    });
    expect(item).not.toHaveProperty("embedding");

    // Awaiting review holds both drafts; the clear one says so, without a twin.
    const awaiting = await listContentPage(viewer, parseContentFilters({ status: "awaiting" }));
    expect(awaiting.items.map((i) => i.id).sort()).toEqual([mine.flagged.id, mine.clear.id].sort());
    const clear = awaiting.items.find((i) => i.id === mine.clear.id);
    expect(clear?.run).toMatchObject({ duplicateOutcome: "clear", duplicateContent: null });

    const both = await listContentPage(
      viewerOf(mine.tenant.id, theirs.tenant.id),
      parseContentFilters({ status: "flagged" }),
    );
    expect(both.items.map((i) => i.id).sort()).toEqual([mine.flagged.id, theirs.flagged.id].sort());
    expect(parseContentFilters({ status: "twins" }).status).toBe("awaiting");
  });
});
