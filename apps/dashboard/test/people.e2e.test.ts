import { randomUUID } from "node:crypto";
import { addPerson, issueApiKey } from "@switchyard/agents";
import { createTestTenant } from "@switchyard/agents/testing";
import { createPrismaClient, hashPassword } from "@switchyard/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchChromium, signIn, startDashboard } from "./browser-harness";

const db = createPrismaClient();
const password = "browser-people-password";
const id = randomUUID().slice(0, 8);
const emails = {
  operator: `op-${id}@example.test`,
  owner: `owner-${id}@example.test`,
  viewer: `viewer-${id}@example.test`,
};
let dashboard: Awaited<ReturnType<typeof startDashboard>>;
let browser: Browser;
let tenant: { id: string; name: string; slug: string };

beforeAll(async () => {
  dashboard = await startDashboard(`people-e2e-${id}`, { DASHBOARD_URL: "http://people.example.test" });
  browser = await launchChromium();
  ({ tenant } = await createTestTenant(db));
  const passwordHash = await hashPassword(password);
  await db.user.create({ data: { email: emails.operator, name: "Operator", passwordHash, isOperator: true } });
  for (const role of ["owner", "viewer"] as const)
    await db.user.create({
      data: { email: emails[role], name: role, passwordHash, memberships: { create: { tenantId: tenant.id, role } } },
    });
}, 120_000);
afterAll(async () => {
  await browser.close();
  await dashboard.stop();
  await db.$disconnect();
});

const as = (who: keyof typeof emails, path: string) => signIn(browser, dashboard.url, emails[who], password, path);

/** The link the form shows once, opened at this dashboard (the printed address is DASHBOARD_URL's). */
async function shownLink(page: Page, form: string): Promise<{ link: string; local: string }> {
  const output = page.locator(`form[aria-label="${form}"] output[aria-label="Invitation link"] code`);
  await output.waitFor();
  const link = (await output.textContent()) ?? "";
  return { link, local: link.replace("http://people.example.test", dashboard.url) };
}

/** Opens a link in a browser with no session, as the new person would. */
async function openAsStranger(url: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

describe("tenants and people, on the production server", () => {
  it("lets an operator create a tenant, add its owner, who sets a password once, then archive it", async () => {
    const page = await as("operator", "/tenants");
    const slug = `browser-${id}`;
    await page.fill('form[aria-label="Create a tenant"] input[name="slug"]', slug);
    await page.fill('form[aria-label="Create a tenant"] input[name="name"]', `Browser Bakery ${id}`);
    await page.selectOption(
      'form[aria-label="Create a tenant"] select[name="floor:strategy-writer"]',
      "claude-sonnet-4-6",
    );
    await page.click('form[aria-label="Create a tenant"] button[type="submit"]');
    await page.locator('form[aria-label="Create a tenant"] [role="status"]').waitFor();
    const created = await db.tenant.findUniqueOrThrow({ where: { slug }, include: { configs: true } });
    expect(created.configs.find((c) => c.role === "strategy-writer")?.model).toBe("claude-sonnet-4-6");
    expect(created.configs.find((c) => c.role === "blog-writer")?.model).toBe("claude-haiku-4-5-20251001");

    await page.goto(`${dashboard.url}/people`);
    const form = `Add a person to Browser Bakery ${id}`;
    const newOwner = `new-owner-${id}@example.test`;
    await page.fill(`form[aria-label="${form}"] input[name="email"]`, newOwner);
    await page.fill(`form[aria-label="${form}"] input[name="name"]`, "New Owner");
    await page.selectOption(`form[aria-label="${form}"] select[name="role"]`, "owner");
    await page.click(`form[aria-label="${form}"] button[type="submit"]`);
    const { link, local } = await shownLink(page, form);
    expect(link).toMatch(/^http:\/\/people\.example\.test\/invite\/syinv_[\w-]{43}$/);
    await page.screenshot({ path: `${ARTIFACTS}/people.png`, fullPage: true });
    await page.reload();
    expect(await page.content()).not.toContain(link.slice(-43));
    expect(await page.locator(`table[aria-label="Members of Browser Bakery ${id}"]`).textContent()).toContain(
      "has not set a password",
    );

    const invited = await openAsStranger(local);
    await invited.fill('input[name="password"]', "the new owner's password");
    await invited.fill('input[name="confirm"]', "the new owner's password");
    await invited.click('button[type="submit"]');
    await invited.waitForURL(/\/agents/);
    expect(await invited.locator("header.nav").textContent()).toContain("New Owner");
    const again = await openAsStranger(local);
    expect(await again.locator('main [role="alert"]').textContent()).toMatch(/already been used/);
    await signIn(browser, dashboard.url, newOwner, "the new owner's password");

    await page.goto(`${dashboard.url}/tenants`);
    await page.click(`form[aria-label="Archive ${slug}"] button[type="submit"]`);
    // The row's form turns into the restore form once the archive is done.
    await page.locator(`form[aria-label="Restore ${slug}"]`).waitFor();
    expect((await db.tenant.findUniqueOrThrow({ where: { slug } })).archivedAt).toBeInstanceOf(Date);
    const { secret } = await issueApiKey(db, { tenantId: created.id }, { name: "after the archive" });
    const response = await fetch(`${dashboard.url}/api/v1/jobs`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "blog-writer", topic: "A job for an archived tenant" }),
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("tenant_archived");
    await page.reload();
    expect(await page.locator(`form[aria-label="Restore ${slug}"]`).textContent()).toMatch(/archived \d{4}-/);
    await page.close();
  }, 90_000);

  it("refuses an expired link and an unknown one, saying which", async () => {
    const { invitation } = await addPerson(
      db,
      { invitationTtlHours: 1, now: new Date(Date.now() - 2 * 3600_000) },
      { id: tenant.id },
      { email: `late-${id}@example.test`, name: "Late", role: "viewer" },
    );
    const expired = await openAsStranger(`${dashboard.url}/invite/${invitation?.token ?? ""}`);
    expect(await expired.locator('main [role="alert"]').textContent()).toMatch(/expired/);
    expect(await expired.locator('input[name="password"]').count()).toBe(0);
    const unknown = await openAsStranger(`${dashboard.url}/invite/syinv_not-a-real-token`);
    expect(await unknown.locator('main [role="alert"]').textContent()).toMatch(/not valid/);
  });

  it("lets an owner invite editors and viewers only, and keeps the operators' page from them", async () => {
    const page = await as("owner", "/people");
    const form = `Add a person to ${tenant.name}`;
    const options = await page.locator(`form[aria-label="${form}"] select[name="role"] option`).allTextContents();
    expect(options).toEqual(["editor", "viewer"]);
    await page.fill(`form[aria-label="${form}"] input[name="email"]`, `editor-${id}@example.test`);
    await page.fill(`form[aria-label="${form}"] input[name="name"]`, "Editor");
    await page.click(`form[aria-label="${form}"] button[type="submit"]`);
    expect((await shownLink(page, form)).link).toMatch(/\/invite\/syinv_/);
    expect((await page.goto(`${dashboard.url}/tenants`))?.status()).toBe(404);
    expect(await page.locator('a[href="/tenants"]').count()).toBe(0);
    await page.close();
  });

  it("shows a viewer the people and no way to add anyone, and no operators' page", async () => {
    const page = await as("viewer", "/people");
    await page.locator(`section[aria-label="People of ${tenant.name}"]`).waitFor();
    expect(await page.locator(`form[aria-label="Add a person to ${tenant.name}"]`).count()).toBe(0);
    expect(await page.locator(`table[aria-label="Members of ${tenant.name}"] tbody tr`).count()).toBeGreaterThan(1);
    expect((await page.goto(`${dashboard.url}/tenants`))?.status()).toBe(404);
    await page.close();
  });
});
