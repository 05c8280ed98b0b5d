import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, decodeRunCursor, encodeRunCursor, InvalidRunCursorError, listRunPage } from "../src";

const db = createPrismaClient({ url: process.env.TEST_DATABASE_URL! });
const tenants: string[] = [];
/** Ids of tenant A's runs, newest first: what every walk must reproduce exactly. */
let newestFirst: string[] = [];
const base = Date.parse("2031-05-01T12:00:00Z");

async function tenantWithRuns(timesMs: number[], roleOf: (i: number) => string) {
  const tenant = await db.tenant.create({ data: { slug: `pages-${randomUUID().slice(0, 8)}`, name: "Pages" } });
  tenants.push(tenant.id);
  const config = await db.agentConfig.create({
    data: { tenantId: tenant.id, role: "blog-writer", model: "claude-haiku-4-5-20251001" },
  });
  const runs = [];
  for (const [i, t] of timesMs.entries()) {
    runs.push(
      await db.agentRun.create({
        data: {
          tenantId: tenant.id,
          configId: config.id,
          role: roleOf(i),
          jobId: `${tenant.id}/${i}`,
          adapter: "simulated",
          model: config.model,
          input: {},
          status: i % 3 === 0 ? "succeeded" : "queued",
          queuedAt: new Date(t),
        },
      }),
    );
  }
  return { tenant, runs };
}

beforeAll(async () => {
  // Eleven runs, several sharing a millisecond, so the id half of the key does real work.
  const times = [0, 1, 1, 1, 2, 3, 3, 4, 5, 5, 6].map((s) => base + s * 1000);
  const { runs } = await tenantWithRuns(times, (i) => (i % 2 ? "email-writer" : "blog-writer"));
  newestFirst = [...runs]
    .sort((a, b) => b.queuedAt.getTime() - a.queuedAt.getTime() || (b.id < a.id ? -1 : 1))
    .map((r) => r.id);
  await tenantWithRuns([base + 2500, base + 3500], () => "blog-writer");
});
afterAll(async () => {
  await db.tenant.deleteMany({ where: { id: { in: tenants } } });
  await db.$disconnect();
});

describe("keyset pages of runs", () => {
  it("walks every run of a tenant once, newest first, forward and back", async () => {
    const tenantIds = [tenants[0]!];
    const seen: string[] = [];
    const pages = [];
    let page = await listRunPage(db, { tenantIds, limit: 3 });
    expect(page.prevCursor).toBeNull();
    for (;;) {
      pages.push(page);
      seen.push(...page.runs.map((r) => r.id));
      if (!page.nextCursor) break;
      page = await listRunPage(db, { tenantIds, limit: 3, after: page.nextCursor });
    }
    expect(seen).toEqual(newestFirst);
    expect(pages.map((p) => p.runs.length)).toEqual([3, 3, 3, 2]);

    // Back from the last page: each previous page is the same rows as on the way forward.
    let back = pages.at(-1)!;
    for (let i = pages.length - 2; i >= 0; i--) {
      back = await listRunPage(db, { tenantIds, limit: 3, before: back.prevCursor! });
      expect(back.runs.map((r) => r.id)).toEqual(pages[i]!.runs.map((r) => r.id));
    }
    expect(back.prevCursor).toBeNull();
  });

  it("filters by status, role and a time range, and keeps other tenants out", async () => {
    const tenantIds = [tenants[0]!];
    const all = await listRunPage(db, { tenantIds, limit: 100 });
    const emails = await listRunPage(db, { tenantIds, role: "email-writer", limit: 100 });
    expect(emails.runs.map((r) => r.id)).toEqual(all.runs.filter((r) => r.role === "email-writer").map((r) => r.id));
    const done = await listRunPage(db, { tenantIds, status: "succeeded", limit: 100 });
    expect(done.runs.map((r) => r.id)).toEqual(all.runs.filter((r) => r.status === "succeeded").map((r) => r.id));
    const since = new Date(base + 1000);
    const until = new Date(base + 4000);
    const window = await listRunPage(db, { tenantIds, since, until, limit: 100 });
    expect(window.runs.map((r) => r.id)).toEqual(
      all.runs.filter((r) => r.queuedAt >= since && r.queuedAt < until).map((r) => r.id),
    );
    expect(window.runs).toHaveLength(6);
    const both = await listRunPage(db, { tenantIds: tenants, since: new Date(base), limit: 100 });
    expect(both.runs).toHaveLength(13);
  });

  it("refuses a cursor it did not write", async () => {
    const tenantIds = [tenants[0]!];
    await expect(listRunPage(db, { tenantIds, limit: 3, after: "not-a-cursor" })).rejects.toBeInstanceOf(
      InvalidRunCursorError,
    );
    const forged = Buffer.from(JSON.stringify(["yesterday", "x"])).toString("base64url");
    await expect(listRunPage(db, { tenantIds, limit: 3, after: forged })).rejects.toBeInstanceOf(InvalidRunCursorError);
    const run = { id: randomUUID(), queuedAt: new Date(base) };
    expect(decodeRunCursor(encodeRunCursor(run))).toEqual(run);
  });
});
