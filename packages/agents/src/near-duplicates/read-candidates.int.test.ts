import { randomUUID } from "node:crypto";
import { type ContentKind, type ContentStatus, createDatabase } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createTestRuns, createTestTenant } from "../../test/fixtures";
import { candidateWindow } from "./candidate-window";
import { readCandidates } from "./read-candidates";

const database = createDatabase({ poolSize: 2 });
const db = database.prisma;
afterAll(() => database.disconnect());

const DAY_MS = 24 * 60 * 60_000;
const NOW = new Date();

/** Pieces of one tenant, one per run: kind, status and age in days as given. */
async function pieces(tenantId: string, configId: string, specs: [ContentKind, ContentStatus, number][]) {
  const runIds = await createTestRuns(db, tenantId, configId, specs.length);
  const rows = specs.map(([kind, status, days], i) => ({
    id: randomUUID(),
    tenantId,
    runId: runIds[i]!,
    kind,
    status,
    title: `${kind} ${status} ${days}d #${i}`,
    body: `piece ${i}`,
    createdAt: new Date(NOW.getTime() - days * DAY_MS),
  }));
  await db.contentItem.createMany({ data: rows });
  return rows;
}

describe("readCandidates: a bounded set per tenant", () => {
  it("takes the newest approved and published pieces of the kind in the window, at most the limit", async () => {
    const { tenant, config } = await createTestTenant(db);
    const rows = await pieces(tenant.id, config.id, [
      ["blog_post", "approved", 1],
      ["blog_post", "published", 2],
      ["blog_post", "approved", 3],
      ["blog_post", "published", 4],
      ["blog_post", "draft", 0],
      ["blog_post", "rejected", 0],
      ["social_post", "approved", 0],
      ["blog_post", "approved", 40],
    ]);
    const { tenant: other, config: otherConfig } = await createTestTenant(db);
    await pieces(other.id, otherConfig.id, [["blog_post", "approved", 0]]);
    const scope = { tenantId: tenant.id, kind: "blog_post" as const };

    const all = await readCandidates(database.sql, scope, candidateWindow({ now: NOW, windowDays: 30 })!);
    expect(all.map((c) => c.id)).toEqual(rows.slice(0, 4).map((r) => r.id));
    const bounded = candidateWindow({ now: NOW, windowDays: 30, maxCandidates: 3 })!;
    expect((await readCandidates(database.sql, scope, bounded)).map((c) => c.title)).toEqual(
      rows.slice(0, 3).map((r) => r.title),
    );
    const year = candidateWindow({ now: NOW, windowDays: 365 })!;
    expect(await readCandidates(database.sql, scope, year)).toHaveLength(5);
    const [newest] = all;
    expect(newest).toMatchObject({ runId: rows[0]!.runId, body: "piece 0", embedding: null, embeddingModel: null });
  });
});
