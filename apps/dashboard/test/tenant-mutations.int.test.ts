import { randomUUID } from "node:crypto";
import { acceptInvitation, createAgentRun, readInvitation } from "@switchyard/agents";
import { createTestTenant } from "@switchyard/agents/testing";
import { createPrismaClient, type MemberRole } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { loadViewer, type Viewer } from "../lib/server/auth";
import { enqueueAs, updateConfigAs } from "../lib/server/mutations";
import { loadPeople, loadTenantsForOperator } from "../lib/server/people-view";
import {
  addPersonAs,
  archiveTenantAs,
  createTenantAs,
  reissueInvitationAs,
  restoreTenantAs,
} from "../lib/server/tenant-mutations";

const db = createPrismaClient();
afterAll(async () => {
  await db.$disconnect();
});

const email = () => `dash-${randomUUID().slice(0, 12)}@example.test`;
const slug = () => `dash-${randomUUID().slice(0, 12)}`;

/** A stored person with one membership (or an operator), loaded as the dashboard loads the signed-in user. */
async function personOf(tenantId: string, role: MemberRole | "operator"): Promise<Viewer> {
  const isOperator = role === "operator";
  const user = await db.user.create({
    data: {
      email: email(),
      name: role,
      passwordHash: "x",
      isOperator,
      ...(!isOperator && { memberships: { create: { tenantId, role } } }),
    },
  });
  const viewer = await loadViewer(user.id);
  if (!viewer) throw new Error("the person just made was not found");
  return viewer;
}

async function code(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "accepted",
    (error: unknown) => (error as { code?: string }).code ?? String(error),
  );
}

describe("tenants from the dashboard", () => {
  it("lets an operator create, archive and restore a tenant, and lists every tenant to operators only", async () => {
    const { tenant: home } = await createTestTenant(db);
    const operator = await personOf(home.id, "operator");
    const s = slug();
    const created = await createTenantAs(operator, {
      slug: s,
      name: "Dashboard Tenant",
      floors: { "blog-writer": "claude-sonnet-4-6" },
    });
    expect(created).toMatchObject({ slug: s, floors: { "blog-writer": "claude-sonnet-4-6" } });
    expect((await loadTenantsForOperator(operator))?.map((t) => t.slug)).toContain(s);
    expect(await code(createTenantAs(operator, { slug: s, name: "Again" }))).toBe("tenant_slug_taken");
    expect((await archiveTenantAs(operator, { tenantId: created.id })).tenant.archivedAt).toBeInstanceOf(Date);
    expect((await restoreTenantAs(operator, { tenantId: created.id })).tenant.archivedAt).toBeNull();
    expect(await code(archiveTenantAs(operator, { tenantId: "not-a-uuid" }))).toBe("not_found");
    const logged = await db.auditEvent.findMany({ where: { tenantId: created.id }, orderBy: { id: "asc" } });
    expect(logged.map((e) => [e.action, e.actor, e.actorUserId, e.target])).toEqual([
      ["tenant.create", operator.email, operator.id, `tenant:${s}`],
      ["tenant.archive", operator.email, operator.id, `tenant:${s}`],
      ["tenant.restore", operator.email, operator.id, `tenant:${s}`],
    ]);
    expect(logged[0]?.after).toMatchObject({ slug: s, floors: { "blog-writer": "claude-sonnet-4-6" } });
  });

  it.each(["owner", "editor", "viewer"] as const)(
    "refuses a tenant's %s the operators' page and every tenant action",
    async (role) => {
      const { tenant } = await createTestTenant(db);
      const person = await personOf(tenant.id, role);
      expect(await loadTenantsForOperator(person)).toBeUndefined();
      expect(await code(createTenantAs(person, { slug: slug(), name: "Mine" }))).toBe("forbidden");
      expect(await code(archiveTenantAs(person, { tenantId: tenant.id }))).toBe("forbidden");
      expect(await code(restoreTenantAs(person, { tenantId: tenant.id }))).toBe("forbidden");
      expect((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).archivedAt).toBeNull();
    },
  );
});

describe("people from the dashboard", () => {
  it("lets an operator add an owner to any tenant, with a one-time link that signs them up", async () => {
    const { tenant } = await createTestTenant(db);
    const operator = await personOf(tenant.id, "operator");
    const address = email();
    const added = await addPersonAs(operator, {
      tenantId: tenant.id,
      email: address,
      name: "New Owner",
      role: "owner",
    });
    const token = added.invitation?.token ?? "";
    await expect(readInvitation(db, token)).resolves.toMatchObject({ email: address });
    const { userId } = await acceptInvitation(db, { token, password: "owner's own password" });
    const owner = await loadViewer(userId);
    expect(owner?.roles.get(tenant.id)).toBe("owner");
    const shown = JSON.stringify(await loadPeople(operator));
    expect(shown).toContain(address);
    expect(shown).not.toContain(token);
    const [logged] = await db.auditEvent.findMany({ where: { tenantId: tenant.id, action: "membership.add" } });
    expect(logged).toMatchObject({
      actor: operator.email,
      after: { email: address, role: "owner", isNewPerson: true },
    });
    expect(JSON.stringify(logged?.after)).not.toContain(token.slice(6));
  });

  it("lets an owner invite editors and viewers to their tenant, never an owner", async () => {
    const { tenant } = await createTestTenant(db);
    const owner = await personOf(tenant.id, "owner");
    for (const role of ["editor", "viewer"] as const) {
      const added = await addPersonAs(owner, { tenantId: tenant.id, email: email(), name: role, role });
      expect(added.invitation?.token).toMatch(/^syinv_/);
    }
    expect(await code(addPersonAs(owner, { tenantId: tenant.id, email: email(), name: "x", role: "owner" }))).toBe(
      "forbidden",
    );
    expect(await code(reissueInvitationAs(owner, { email: email() }))).toBe("forbidden");
    const [view] = await loadPeople(owner);
    expect(view).toMatchObject({ canInvite: true, roles: ["editor", "viewer"] });
    expect(view?.members.map((m) => m.role).sort()).toEqual(["editor", "owner", "viewer"]);
  });

  it.each(["editor", "viewer"] as const)("lets the %s see the people but add nobody", async (role) => {
    const { tenant } = await createTestTenant(db);
    const person = await personOf(tenant.id, role);
    expect(await code(addPersonAs(person, { tenantId: tenant.id, email: email(), name: "x", role: "viewer" }))).toBe(
      "forbidden",
    );
    const [view] = await loadPeople(person);
    expect(view).toMatchObject({ canInvite: false, members: [{ role }] });
    expect(await db.membership.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it("keeps tenants apart: another tenant is not found to its owner and never listed", async () => {
    const { tenant: mine } = await createTestTenant(db);
    const { tenant: theirs } = await createTestTenant(db);
    const me = await personOf(mine.id, "owner");
    await personOf(theirs.id, "owner");
    expect(await code(addPersonAs(me, { tenantId: theirs.id, email: email(), name: "x", role: "viewer" }))).toBe(
      "not_found",
    );
    expect(await code(addPersonAs(me, { tenantId: "nope", email: email(), name: "x", role: "viewer" }))).toBe(
      "not_found",
    );
    expect((await loadPeople(me)).map((p) => p.tenant.id)).toEqual([mine.id]);
    expect(await db.membership.count({ where: { tenantId: theirs.id } })).toBe(1);
  });

  it("refuses bad input with the field named", async () => {
    const { tenant } = await createTestTenant(db);
    const operator = await personOf(tenant.id, "operator");
    for (const [input, message] of [
      [{ email: "nope", name: "x", role: "viewer" }, /email/],
      [{ email: email(), name: "x", role: "admin" }, /owner, editor or viewer/],
      [{ email: email(), name: "", role: "viewer" }, /name/],
    ] as const)
      await expect(addPersonAs(operator, { tenantId: tenant.id, ...input })).rejects.toThrow(message);
  });
});

describe("an archived tenant on the dashboard", () => {
  it("is read-only for its people and operators: no people added, no jobs, no configuration changes", async () => {
    const { tenant, config } = await createTestTenant(db);
    const operator = await personOf(tenant.id, "operator");
    await archiveTenantAs(operator, { tenantId: tenant.id });
    const archivedOperator = await loadViewer(operator.id);
    const owner = await personOf(tenant.id, "owner");
    for (const viewer of [owner, archivedOperator]) {
      if (!viewer) throw new Error("viewer missing");
      expect(await code(addPersonAs(viewer, { tenantId: tenant.id, email: email(), name: "x", role: "viewer" }))).toBe(
        "tenant_archived",
      );
      expect(await code(enqueueAs(viewer, tenant.id, { role: "blog-writer", topic: "After the archive" }))).toBe(
        "forbidden",
      );
      const change = { configId: config.id, model: "claude-sonnet-4-6", adapter: "simulated", isEnabled: true };
      expect(await code(updateConfigAs(viewer, change))).toBe("forbidden");
    }
    const [view] = await loadPeople(owner);
    expect(view).toMatchObject({ canInvite: false, tenant: { isArchived: true } });
    // The API's path (an API key, no dashboard role) is refused by the producer itself.
    const task = { role: "blog-writer", topic: "Brewing at home after the archive" };
    expect(await code(createAgentRun(db, { tenantId: tenant.id, input: task }))).toBe("tenant_archived");
    expect(await db.agentRun.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});
