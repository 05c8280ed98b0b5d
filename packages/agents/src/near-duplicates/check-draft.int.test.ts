import { randomUUID } from "node:crypto";
import { createDatabase } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { createTestRuns, createTestTenant } from "../../test/fixtures";
import { createLocalProvider } from "../specialists";
import { candidateWindow } from "./candidate-window";
import { checkDraft } from "./check-draft";
import { readCandidates } from "./read-candidates";

const database = createDatabase({ poolSize: 2 });
const db = database.prisma;
afterAll(() => database.disconnect());

const BODIES = [
  "Our spring menu brings wild garlic soup, lamb with mint, and a rhubarb tart to the counter from Friday.",
  "Cold brew season starts: steep coarse coffee twelve hours, strain, and pour over ice with a splash of milk.",
  "We are hiring a weekend barista who loves latte art, early starts and a busy Saturday queue.",
];

/** A tenant with the pieces above approved as blog posts today, and how the guard reads them. */
async function tenantWithPieces() {
  const { tenant, config } = await createTestTenant(db);
  const runIds = await createTestRuns(db, tenant.id, config.id, BODIES.length);
  const ids = BODIES.map(() => randomUUID());
  await db.contentItem.createMany({
    data: BODIES.map((body, i) => ({
      id: ids[i]!,
      tenantId: tenant.id,
      runId: runIds[i]!,
      kind: "blog_post" as const,
      status: "approved" as const,
      title: `Piece ${i}`,
      body,
      createdAt: new Date(Date.now() - (i + 1) * 60_000),
    })),
  });
  const read = () =>
    readCandidates(
      database.sql,
      { tenantId: tenant.id, kind: "blog_post" },
      candidateWindow({ now: new Date(), windowDays: 30 })!,
    );
  return { tenantId: tenant.id, ids, read };
}

describe("checkDraft offline: MinHash signatures stored per piece", () => {
  const local = createLocalProvider();
  const draft = "Our spring menu brings wild garlic soup, lamb with mint and a rhubarb tart from this Friday.";

  it("signs each piece once, stores its signature, and scores as similarity does on the texts", async () => {
    const { tenantId, ids, read } = await tenantWithPieces();
    const first = await checkDraft(database.sql, tenantId, draft, await read(), { specialists: local });
    expect(first.encoded).toBe(BODIES.length);
    const expected = await local.similarity(draft, BODIES);
    expect(first.closest).toMatchObject({ contentId: ids[0], similarity: Math.max(...expected.scores) });
    expect(first.source).toEqual(expected.source);
    expect(first.isDuplicate).toBe(true);

    const stored = await db.contentItem.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: "desc" } });
    for (const [i, row] of stored.entries()) {
      expect(row.signatureKey).toBe(local.signatures!.key);
      const signature = new Int32Array(local.signatures!.length);
      local.signatures!.signInto(BODIES[i]!, signature, 0);
      // Exactly the values made in the worker: INTEGER keeps all 31 bits.
      expect(row.signature).toEqual(Array.from(signature));
    }

    const second = await checkDraft(database.sql, tenantId, draft, await read(), { specialists: local });
    expect(second.encoded).toBe(0);
    expect(second.closest?.similarity).toBe(first.closest?.similarity);
  });

  it("makes a signature again when it was stored under another method or is damaged, never compares it", async () => {
    const { tenantId, ids, read } = await tenantWithPieces();
    await checkDraft(database.sql, tenantId, draft, await read(), { specialists: local });
    await db.contentItem.update({ where: { id: ids[0] }, data: { signature: [1, 2, 3] } });
    const reseeded = createLocalProvider({ minHash: { seed: 7 } });
    const check = await checkDraft(database.sql, tenantId, draft, await read(), { specialists: reseeded });
    expect(check.encoded).toBe(BODIES.length);
    expect(check.closest?.similarity).toBe(Math.max(...(await reseeded.similarity(draft, BODIES)).scores));
    const row = await db.contentItem.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(row.signatureKey).toBe(reseeded.signatures!.key);
    expect(row.signature).toHaveLength(reseeded.signatures!.length);

    const damaged = await checkDraft(database.sql, tenantId, draft, await read(), { specialists: local });
    expect(damaged.encoded).toBe(BODIES.length);
    await db.contentItem.update({ where: { id: ids[1] }, data: { signature: [1, 2, 3] } });
    const again = await checkDraft(database.sql, tenantId, draft, await read(), { specialists: local });
    expect(again.encoded).toBe(1);
    expect(again.closest?.similarity).toBe(Math.max(...(await local.similarity(draft, BODIES)).scores));
  });
});
