import { randomUUID } from "node:crypto";
import { createPrismaClient, hashApiKey, type PrismaClient, verifyPassword } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
import { readBalance } from "../src/credits";
import { enqueueAgentJob } from "../src/producer/enqueue-agent-job";
import { reviewContent } from "../src/producer/review-content";
import { createAgentRun } from "../src/producer/enqueue-agent-job";
import { AGENT_ROLES } from "../src/lib/agent-roles";
import {
  acceptInvitation,
  addPerson,
  archiveTenant,
  createTenant,
  listMembers,
  listTenants,
  readInvitation,
  reissueInvitation,
  restoreTenant,
} from "../src/tenants";
import { createTestTenant, ledgerSum } from "./fixtures";
import { type Harness, startHarness } from "./harness";

const db: PrismaClient = createPrismaClient();
afterAll(() => db.$disconnect());

const HAIKU = "claude-haiku-4-5-20251001";
const SONNET = "claude-sonnet-4-6";
const OPUS = "claude-opus-4-7";
const HOUR = 3600_000;
const actor = { invitationTtlHours: 72 };
const slug = () => `t-${randomUUID().slice(0, 12)}`;
const email = () => `person-${randomUUID().slice(0, 12)}@example.test`;
const task = { role: "social-post-writer", topic: "A new roast", channel: "instagram" };

async function refusal(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "accepted",
    (error: unknown) => {
      const { code, reason } = error as { code?: string; reason?: string };
      return reason ?? code ?? String(error);
    },
  );
}

describe("creating tenants", () => {
  it("creates a tenant with a floor for every role: the ones named, Haiku for the rest", async () => {
    const s = slug();
    const tenant = await createTenant(db, {
      slug: s,
      name: "  Blue Bottle  ",
      baselineModel: OPUS,
      floors: { "strategy-writer": SONNET },
    });
    expect(tenant).toMatchObject({ slug: s, name: "Blue Bottle", baselineModel: OPUS, archivedAt: null, members: 0 });
    const configs = await db.agentConfig.findMany({ where: { tenantId: tenant.id } });
    expect(Object.fromEntries(configs.map((c) => [c.role, c.model]))).toEqual(
      Object.fromEntries(AGENT_ROLES.map((r) => [r, r === "strategy-writer" ? SONNET : HAIKU])),
    );
    expect(configs.every((c) => c.isEnabled && c.adapter === "auto")).toBe(true);
    expect((await listTenants(db)).find((t) => t.id === tenant.id)?.baselineModel).toBe(OPUS);
    const plain = await createTenant(db, { slug: slug(), name: "Defaults" });
    expect(plain.baselineModel).toBe(SONNET);
  });

  it("refuses a slug that is taken, also when two creations race, and writes one tenant", async () => {
    const s = slug();
    const attempts = await Promise.all(
      Array.from({ length: 4 }, () => refusal(createTenant(db, { slug: s, name: s }))),
    );
    expect(attempts.sort()).toEqual(["accepted", "tenant_slug_taken", "tenant_slug_taken", "tenant_slug_taken"]);
    expect(await db.tenant.count({ where: { slug: s } })).toBe(1);
    await expect(createTenant(db, { slug: s, name: "again" })).rejects.toThrow(/already exists/);
  });

  it.each([
    [{ slug: "Has-Caps", name: "x" }, /slug/],
    [{ slug: "-edge", name: "x" }, /slug/],
    [{ slug: "a", name: "x" }, /slug/],
    [{ slug: "ok-slug", name: "" }, /name/],
    [{ slug: "ok-slug", name: "x", baselineModel: "gpt-4" }, /baselineModel/],
    [{ slug: "ok-slug", name: "x", floors: { "blog-writer": "gpt-4" } }, /floors/],
    [{ slug: "ok-slug", name: "x", floors: { "poem-writer": HAIKU } }, /floors/],
    [{ slug: "ok-slug", name: "x", owner: "me" }, /owner/],
  ])("refuses %j", async (input, message) => {
    const before = await db.tenant.count();
    await expect(createTenant(db, input)).rejects.toMatchObject({ code: "invalid_payload", message });
    expect(await db.tenant.count()).toBe(before);
  });
});

describe("adding people and their one-time links", () => {
  it("gives someone new an account without a password and a link kept only as a hash", async () => {
    const { tenant } = await createTestTenant(db);
    const address = email();
    const added = await addPerson(
      db,
      actor,
      { id: tenant.id },
      { email: address.toUpperCase(), name: "Ana", role: "editor" },
    );
    expect(added).toMatchObject({ email: address, name: "Ana", role: "editor", isNewPerson: true });
    const token = added.invitation?.token ?? "";
    expect(token).toMatch(/^syinv_[\w-]{43}$/);
    expect((added.invitation?.expiresAt.getTime() ?? 0) - Date.now()).toBeGreaterThan(72 * HOUR - 60_000);
    const user = await db.user.findUniqueOrThrow({ where: { email: address }, include: { invitations: true } });
    expect(user.passwordHash).toBeNull();
    expect(user.invitations).toHaveLength(1);
    expect(user.invitations[0]?.tokenHash).toBe(hashApiKey(token));
    expect(JSON.stringify(user)).not.toContain(token.slice(6));
    expect((await listMembers(db, [tenant.id])).get(tenant.id)).toMatchObject([{ email: address, state: "invited" }]);
    await expect(readInvitation(db, token)).resolves.toMatchObject({ email: address, name: "Ana" });
  });

  it("sets the password once: the link then refuses a second use, and the person signs in with it", async () => {
    const { tenant } = await createTestTenant(db);
    const address = email();
    const { invitation } = await addPerson(db, actor, { id: tenant.id }, { email: address, name: "B", role: "viewer" });
    const token = invitation?.token ?? "";
    expect(await refusal(acceptInvitation(db, { token, password: "short" }))).toBe("invalid_payload");
    const { userId } = await acceptInvitation(db, { token, password: "a long enough passphrase" });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.email).toBe(address);
    expect(await verifyPassword("a long enough passphrase", user.passwordHash ?? "")).toBe(true);
    expect(await refusal(acceptInvitation(db, { token, password: "somebody else's password" }))).toBe("used");
    expect(await refusal(readInvitation(db, token))).toBe("used");
    const after = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(after.passwordHash).toBe(user.passwordHash);
    expect((await listMembers(db, [tenant.id])).get(tenant.id)?.[0]?.state).toBe("active");
  });

  it("refuses a link after it expires, and an unknown link", async () => {
    const { tenant } = await createTestTenant(db);
    const made = new Date(Date.now() - 73 * HOUR);
    const { invitation, userId } = await addPerson(
      db,
      { invitationTtlHours: 72, now: made },
      { id: tenant.id },
      { email: email(), name: "Late", role: "viewer" },
    );
    const token = invitation?.token ?? "";
    expect(await refusal(readInvitation(db, token))).toBe("expired");
    expect(await refusal(acceptInvitation(db, { token, password: "a long enough passphrase" }))).toBe("expired");
    const justBefore = new Date(made.getTime() + 72 * HOUR - 1);
    await expect(readInvitation(db, token, justBefore)).resolves.toBeDefined();
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBeNull();
    expect((await listMembers(db, [tenant.id])).get(tenant.id)?.[0]?.state).toBe("invitation_expired");
    expect(await refusal(acceptInvitation(db, { token: "syinv_nope", password: "a long enough passphrase" }))).toBe(
      "unknown",
    );
    expect(await refusal(acceptInvitation(db, { token: undefined, password: "a long enough passphrase" }))).toBe(
      "unknown",
    );
  });

  it("lets exactly one of two racing uses of a link set the password", async () => {
    const { tenant } = await createTestTenant(db);
    const { invitation, userId } = await addPerson(
      db,
      actor,
      { id: tenant.id },
      { email: email(), name: "R", role: "viewer" },
    );
    const token = invitation?.token ?? "";
    const results = await Promise.all(
      ["first racing password", "second racing password"].map((password) =>
        refusal(acceptInvitation(db, { token, password })),
      ),
    );
    expect(results.sort()).toEqual(["accepted", "used"]);
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: userId } });
    const matches = await Promise.all(
      ["first racing password", "second racing password"].map((p) => verifyPassword(p, passwordHash ?? "")),
    );
    expect(matches.filter(Boolean)).toHaveLength(1);
  });

  it("makes a new link for someone who lost theirs and stops the older one; never for a set password", async () => {
    const { tenant } = await createTestTenant(db);
    const address = email();
    const first = await addPerson(db, actor, { id: tenant.id }, { email: address, name: "Lost", role: "owner" });
    const second = await reissueInvitation(db, actor, { email: address });
    expect(second.token).not.toBe(first.invitation?.token);
    expect(await refusal(readInvitation(db, first.invitation?.token ?? ""))).toBe("expired");
    await acceptInvitation(db, { token: second.token, password: "the second link works" });
    expect(await refusal(reissueInvitation(db, actor, { email: address }))).toBe("invalid_payload");
    expect(await refusal(reissueInvitation(db, actor, { email: email() }))).toBe("person_not_found");
  });

  it("adds an existing person to another tenant with the membership only, refusing a second one", async () => {
    const { tenant: first } = await createTestTenant(db);
    const { tenant: second } = await createTestTenant(db);
    const address = email();
    const { invitation, userId } = await addPerson(
      db,
      actor,
      { id: first.id },
      { email: address, name: "C", role: "owner" },
    );
    await acceptInvitation(db, { token: invitation?.token ?? "", password: "a long enough passphrase" });
    const again = await addPerson(db, actor, { slug: second.slug }, { email: address, role: "viewer" });
    expect(again).toMatchObject({ userId, isNewPerson: false, role: "viewer", otherTenants: [first.slug] });
    expect(again.invitation).toBeUndefined();
    expect(await db.invitation.count({ where: { userId } })).toBe(1);
    const memberships = await db.membership.findMany({ where: { userId }, orderBy: { role: "asc" } });
    expect(memberships.map((m) => [m.tenantId, m.role])).toEqual([
      [first.id, "owner"],
      [second.id, "viewer"],
    ]);
    expect(await refusal(addPerson(db, actor, { id: second.id }, { email: address, role: "editor" }))).toBe(
      "already_member",
    );
  });

  it.each([
    [{ email: "not-an-email", name: "x", role: "viewer" }, /email/],
    [{ email: "a@example.test", name: "x", role: "admin" }, /owner, editor or viewer/],
    [{ email: "new-person-without-name@example.test", role: "viewer" }, /name/],
    [{ email: "a@example.test", name: "x", role: "viewer", isOperator: true }, /isOperator/],
  ])("refuses to add %j", async (input, message) => {
    const { tenant } = await createTestTenant(db);
    await expect(addPerson(db, actor, { id: tenant.id }, input)).rejects.toMatchObject({
      code: "invalid_payload",
      message,
    });
    expect(await db.membership.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("refuses an unknown tenant", async () => {
    expect(
      await refusal(addPerson(db, actor, { slug: "no-such-tenant" }, { email: email(), name: "x", role: "owner" })),
    ).toBe("tenant_not_found");
  });
});

describe("archiving a tenant", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ adapter: createSimulatedAdapter({ latencyMs: [0, 0], failureRate: 0 }) });
  });
  afterAll(() => h.close());

  it("loses nothing already queued: runs enqueued before the archive still run and are charged once", async () => {
    const { tenant } = await createTestTenant(h.db, { balanceMicros: 5_000_000 });
    // Queued with no worker free to take them before the archive lands: the lanes are paused.
    await Promise.all(Object.values(h.queues.lanes).map((q) => q.pause()));
    const runs = await Promise.all(
      ["one", "two", "three"].map(
        async (key) => (await enqueueAgentJob(h, { tenantId: tenant.id, input: task, idempotencyKey: key })).run,
      ),
    );
    await archiveTenant(h.db, { id: tenant.id });
    await expect(
      enqueueAgentJob(h, { tenantId: tenant.id, input: task, idempotencyKey: "four" }),
    ).rejects.toMatchObject({ code: "tenant_archived" });
    await Promise.all(Object.values(h.queues.lanes).map((q) => q.resume()));
    const done = await h.waitForRuns(runs.map((r) => r.id));
    expect(done.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    const charged = done.reduce((sum, r) => sum + Number(r.actualCostMicros), 0);
    expect(charged).toBeGreaterThan(0);
    expect(await readBalance(h.db, tenant.id)).toBe(5_000_000 - charged);
    expect(await ledgerSum(h.db, tenant.id)).toBe(5_000_000 - charged);
    expect(await h.db.agentRun.count({ where: { tenantId: tenant.id } })).toBe(3);
  });

  it("refuses its new jobs, reviews and people, answers a retried job with its run, and restores", async () => {
    const { tenant } = await createTestTenant(db);
    const before = await createAgentRun(db, { tenantId: tenant.id, input: task, idempotencyKey: "before" });
    const archived = await archiveTenant(db, { slug: tenant.slug });
    expect(archived.isDuplicate).toBe(false);
    expect(archived.tenant.archivedAt).toBeInstanceOf(Date);
    expect((await archiveTenant(db, { id: tenant.id })).isDuplicate).toBe(true);

    const refused = createAgentRun(db, { tenantId: tenant.id, input: task, idempotencyKey: "after" });
    await expect(refused).rejects.toMatchObject({ code: "tenant_archived", message: /archived/ });
    expect(await db.agentRun.count({ where: { tenantId: tenant.id } })).toBe(1);
    const retried = await createAgentRun(db, { tenantId: tenant.id, input: task, idempotencyKey: "before" });
    expect(retried).toMatchObject({ isDuplicate: true, run: { id: before.run.id } });
    expect(await refusal(addPerson(db, actor, { id: tenant.id }, { email: email(), name: "x", role: "viewer" }))).toBe(
      "tenant_archived",
    );
    const review = { contentItemId: randomUUID(), verdict: "approved" };
    expect(await refusal(reviewContent(h, { tenantId: tenant.id, reviewerId: null, input: review }))).toBe(
      "tenant_archived",
    );

    expect((await restoreTenant(db, { slug: tenant.slug })).tenant.archivedAt).toBeNull();
    await expect(
      createAgentRun(db, { tenantId: tenant.id, input: task, idempotencyKey: "after" }),
    ).resolves.toMatchObject({ isDuplicate: false });
  });
});
