import { randomUUID } from "node:crypto";
import { createTestTenant } from "@switchyard/agents/testing";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "../lib/server/auth";
import {
  enqueueAs,
  grantAs,
  reviewAs,
  setSpendCapsAs,
  updateConfigAs,
  updateJudgeModelAs,
  updatePromptCacheAs,
  updateRoutingOverridesAs,
} from "../lib/server/mutations";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const viewerOf = (tenantId: string, role: "owner" | "editor" | "viewer", isOperator = false): Viewer => ({
  id: randomUUID(),
  name: role,
  email: `${role}@example.test`,
  isOperator,
  roles: new Map([[tenantId, role]]),
});

describe("dashboard mutations enforce tenant scope and role", () => {
  it("hides another tenant's config, content and tenant behind not-found", async () => {
    const { tenant: mine } = await createTestTenant(db, { balanceMicros: 1_000_000 });
    const { tenant: theirs, config: theirConfig } = await createTestTenant(db, { balanceMicros: 1_000_000 });
    const owner = viewerOf(mine.id, "owner");
    const change = { configId: theirConfig.id, model: "claude-opus-4-7", adapter: "auto", isEnabled: true };
    await expect(updateConfigAs(owner, change)).rejects.toMatchObject({ code: "not_found" });
    await expect(enqueueAs(owner, theirs.id, { role: "blog-writer", topic: "Not yours" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(reviewAs(owner, { contentItemId: randomUUID(), verdict: "approved", score: 5 })).rejects.toMatchObject(
      { code: "content_not_found" },
    );
    expect((await db.agentConfig.findUniqueOrThrow({ where: { id: theirConfig.id } })).model).toBe(
      "claude-haiku-4-5-20251001",
    );
    expect(await db.agentRun.count({ where: { tenantId: theirs.id } })).toBe(0);
  });

  it("lets a viewer change nothing, and only operators grant credits", async () => {
    const { tenant, config } = await createTestTenant(db, { balanceMicros: 1_000_000 });
    const viewer = viewerOf(tenant.id, "viewer");
    await expect(
      updateConfigAs(viewer, { configId: config.id, model: "claude-opus-4-7", adapter: "auto", isEnabled: true }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(enqueueAs(viewer, tenant.id, { role: "blog-writer", topic: "Viewers cannot" })).rejects.toMatchObject({
      code: "forbidden",
    });
    const grant = { tenantId: tenant.id, usd: 5, idempotencyKey: `grant-${randomUUID()}` };
    await expect(grantAs(viewerOf(tenant.id, "owner"), grant)).rejects.toMatchObject({ code: "forbidden" });
    expect(Number((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).balanceMicros)).toBe(1_000_000);
    await expect(grantAs(viewerOf(tenant.id, "viewer", true), grant)).resolves.toMatchObject({ isDuplicate: false });
    await expect(grantAs(viewerOf(tenant.id, "viewer", true), grant)).resolves.toMatchObject({ isDuplicate: true });
    expect(Number((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).balanceMicros)).toBe(6_000_000);
  });

  it("lets an editor change a floor, but only to a model the catalog offers", async () => {
    const { tenant, config } = await createTestTenant(db);
    const editor = viewerOf(tenant.id, "editor");
    await expect(
      updateConfigAs(editor, { configId: config.id, model: "gpt-4", adapter: "auto", isEnabled: true }),
    ).rejects.toThrow(/choose one of/);
    await expect(
      updateConfigAs(editor, {
        configId: config.id,
        model: "claude-sonnet-4-6",
        adapter: "simulated",
        isEnabled: false,
      }),
    ).resolves.toMatchObject({ model: "claude-sonnet-4-6", isEnabled: false });
  });

  it("round-trips a role's judge setting and the tenant's judge model, and refuses bad values", async () => {
    const { tenant, config } = await createTestTenant(db);
    const editor = viewerOf(tenant.id, "editor");
    const base = { configId: config.id, model: "claude-haiku-4-5-20251001", adapter: "auto", isEnabled: true };
    await expect(updateConfigAs(editor, { ...base, judgeMode: "sample", judgeSamplePct: 45 })).resolves.toMatchObject({
      judgeMode: "sample",
      judgeSamplePct: 45,
    });
    await expect(updateConfigAs(editor, { ...base, judgeSamplePct: 150 })).rejects.toThrow(/judgeSamplePct/);
    await expect(updateConfigAs(editor, { ...base, judgeMode: "weekly" })).rejects.toThrow(/judgeMode/);
    await expect(updateConfigAs(editor, { ...base, judgeMode: "always" })).resolves.toMatchObject({
      judgeMode: "always",
      judgeSamplePct: 45,
    });
    await expect(
      updateConfigAs(editor, { ...base, isBatchByDefault: true, applyBriefAnalysis: true }),
    ).resolves.toMatchObject({ isBatchByDefault: true, applyBriefAnalysis: true, judgeMode: "always" });
    await expect(updateConfigAs(editor, { ...base, isBatchByDefault: "yes" })).rejects.toThrow(/isBatchByDefault/);
    // The near-duplicate guard's window: whole days from 0 (off) to a year; left out, it stays.
    expect((await db.agentConfig.findUniqueOrThrow({ where: { id: config.id } })).duplicateWindowDays).toBe(30);
    await expect(updateConfigAs(editor, { ...base, duplicateWindowDays: 7 })).resolves.toMatchObject({
      duplicateWindowDays: 7,
    });
    await expect(updateConfigAs(editor, { ...base, duplicateWindowDays: 0 })).resolves.toMatchObject({
      duplicateWindowDays: 0,
    });
    for (const bad of [366, -1, 2.5, "7"]) {
      await expect(updateConfigAs(editor, { ...base, duplicateWindowDays: bad })).rejects.toThrow(
        /duplicateWindowDays/,
      );
    }
    await expect(updateConfigAs(editor, base)).resolves.toMatchObject({ duplicateWindowDays: 0 });
    await expect(updateConfigAs(editor, { ...base, examplesMode: "best_fit" })).resolves.toMatchObject({
      examplesMode: "best_fit",
      isBatchByDefault: true,
    });
    await expect(updateConfigAs(editor, { ...base, examplesMode: "random" })).rejects.toThrow(/examplesMode/);
    await expect(
      updateConfigAs(editor, { ...base, cascadeEnabled: true, cascadeThreshold: 0.8 }),
    ).resolves.toMatchObject({ cascadeEnabled: true, cascadeThreshold: 0.8 });
    await expect(updateConfigAs(editor, { ...base, cascadeThreshold: 1.5 })).rejects.toThrow(/cascadeThreshold/);
    await expect(updateConfigAs(editor, { ...base, routerMode: "hybrid" })).resolves.toMatchObject({
      routerMode: "hybrid",
    });
    await expect(updateConfigAs(editor, { ...base, routerMode: "smart" })).rejects.toThrow(/routerMode/);
    await expect(updateConfigAs(editor, base)).resolves.toMatchObject({ routerMode: "hybrid" });

    const change = { tenantId: tenant.id, judgeModel: "claude-sonnet-4-6" };
    await expect(updateJudgeModelAs(editor, change)).rejects.toMatchObject({ code: "forbidden" });
    const { tenant: other } = await createTestTenant(db);
    await expect(updateJudgeModelAs(viewerOf(other.id, "owner"), change)).rejects.toMatchObject({
      code: "not_found",
    });
    const owner = viewerOf(tenant.id, "owner");
    await expect(updateJudgeModelAs(owner, { ...change, judgeModel: "gpt-4" })).rejects.toThrow(/choose one of/);
    const stored = async () => (await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).judgeModel;
    expect(await stored()).toBe("claude-haiku-4-5-20251001");
    await expect(updateJudgeModelAs(owner, change)).resolves.toBe("claude-sonnet-4-6");
    expect(await stored()).toBe("claude-sonnet-4-6");
  });

  it("lets owners alone choose the prompt cache TTL, and refuses values the worker would not know", async () => {
    const { tenant } = await createTestTenant(db);
    const { tenant: other } = await createTestTenant(db);
    const ttl = async () => (await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).promptCacheTtl;
    const change = { tenantId: tenant.id, promptCacheTtl: "1h" };
    expect(await ttl()).toBe("5m");
    await expect(updatePromptCacheAs(viewerOf(tenant.id, "editor"), change)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(updatePromptCacheAs(viewerOf(other.id, "owner"), change)).rejects.toMatchObject({
      code: "not_found",
    });
    const owner = viewerOf(tenant.id, "owner");
    await expect(updatePromptCacheAs(owner, { ...change, promptCacheTtl: "10m" })).rejects.toThrow(/promptCacheTtl/);
    expect(await ttl()).toBe("5m");
    await expect(updatePromptCacheAs(owner, change)).resolves.toBe("1h");
    expect(await ttl()).toBe("1h");
    await expect(updatePromptCacheAs(owner, { ...change, promptCacheTtl: "off" })).resolves.toBe("off");
  });

  it("lets owners and operators set spend caps, through the schema, and no one else", async () => {
    const { tenant } = await createTestTenant(db);
    const { tenant: other } = await createTestTenant(db);
    const caps = async () => {
      const t = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
      return [t.dailyCapMicros, t.monthlyCapMicros].map((c) => (c == null ? null : Number(c)));
    };
    const change = { tenantId: tenant.id, dailyCapUsd: 5, monthlyCapUsd: 100.5 };
    for (const role of ["viewer", "editor"] as const) {
      await expect(setSpendCapsAs(viewerOf(tenant.id, role), change)).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(setSpendCapsAs(viewerOf(other.id, "owner"), change)).rejects.toMatchObject({ code: "not_found" });
    const owner = viewerOf(tenant.id, "owner");
    await expect(setSpendCapsAs(owner, { ...change, dailyCapUsd: 0 })).rejects.toThrow(/dailyCapUsd/);
    await expect(setSpendCapsAs(owner, { ...change, dailyCapUsd: 0.0000001 })).rejects.toThrow(/six decimals/);
    await expect(setSpendCapsAs(owner, { ...change, monthlyCapUsd: "lots" })).rejects.toThrow(/monthlyCapUsd/);
    expect(await caps()).toEqual([null, null]);
    await expect(setSpendCapsAs(owner, change)).resolves.toMatchObject({
      dailyCapMicros: 5_000_000,
      monthlyCapMicros: 100_500_000,
      spentTodayMicros: 0,
    });
    expect(await caps()).toEqual([5_000_000, 100_500_000]);
    await setSpendCapsAs(viewerOf(other.id, "viewer", true), { ...change, dailyCapUsd: null });
    expect(await caps()).toEqual([null, 100_500_000]);
  });

  it("saves a replayed tier table for owners and operators only, through the catalog's validation", async () => {
    const { tenant } = await createTestTenant(db);
    const { tenant: other } = await createTestTenant(db);
    const stored = async () => (await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).routingOverrides;
    const table = { "blog-writer": { standard: "claude-haiku-4-5-20251001" } };
    const change = { tenantId: tenant.id, routingOverrides: table };
    for (const role of ["viewer", "editor"] as const) {
      await expect(updateRoutingOverridesAs(viewerOf(tenant.id, role), change)).rejects.toMatchObject({
        code: "forbidden",
      });
    }
    await expect(updateRoutingOverridesAs(viewerOf(other.id, "owner"), change)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await stored()).toEqual({});
    const owner = viewerOf(tenant.id, "owner");
    const retired = { "blog-writer": { standard: "claude-3-5-haiku-20241022" } };
    await expect(updateRoutingOverridesAs(owner, { ...change, routingOverrides: retired })).rejects.toMatchObject({
      code: "invalid_payload",
    });
    expect(await stored()).toEqual({});
    await expect(updateRoutingOverridesAs(owner, change)).resolves.toEqual(table);
    expect(await stored()).toEqual(table);
    const operator = viewerOf(other.id, "viewer", true);
    await expect(updateRoutingOverridesAs(operator, { ...change, routingOverrides: {} })).resolves.toEqual({});
    expect(await stored()).toEqual({});
  });
});
