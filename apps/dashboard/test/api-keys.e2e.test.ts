import { randomUUID } from "node:crypto";
import { issueApiKey } from "@switchyard/agents";
import { createTestTenant } from "@switchyard/agents/testing";
import { createPrismaClient, hashPassword } from "@switchyard/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchChromium, startDashboard } from "./browser-harness";

const PASSWORD = "browser-keys-password";
const db = createPrismaClient();
let dashboard: Awaited<ReturnType<typeof startDashboard>>;
let browser: Browser;
let tenant: { id: string; name: string };
let ownerEmail: string;
let viewerEmail: string;

beforeAll(async () => {
  dashboard = await startDashboard(`keys-e2e-${randomUUID().slice(0, 8)}`);
  browser = await launchChromium();
  ({ tenant } = await createTestTenant(db));
  const passwordHash = await hashPassword(PASSWORD);
  ownerEmail = `owner-${randomUUID().slice(0, 8)}@example.test`;
  viewerEmail = `viewer-${randomUUID().slice(0, 8)}@example.test`;
  for (const [email, role] of [
    [ownerEmail, "owner"],
    [viewerEmail, "viewer"],
  ] as const) {
    await db.user.create({
      data: { email, name: role, passwordHash, memberships: { create: { tenantId: tenant.id, role } } },
    });
  }
}, 120_000);

afterAll(async () => {
  const started: { browser?: Browser; dashboard?: typeof dashboard } = { browser, dashboard };
  await started.browser?.close();
  await started.dashboard?.stop();
  await db.$disconnect();
});

async function signIn(email: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${dashboard.url}/sign-in`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/agents/);
  await page.goto(`${dashboard.url}/api-keys`);
  return page;
}

/** The production server's answer to a key: the status and, on a 401, the reason. */
async function tryKey(key: string): Promise<{ status: number; reason?: string }> {
  const response = await fetch(`${dashboard.url}/api/v1/runs`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await response.json()) as { error?: { reason?: string } };
  return { status: response.status, reason: body.error?.reason };
}

async function shownKey(page: Page, form: string): Promise<string> {
  const output = page.locator(`form[aria-label="${form}"] output[aria-label="New API key"] code`);
  await output.waitFor();
  return (await output.textContent()) ?? "";
}

describe("the API keys page, on the production server", () => {
  it("lets an owner issue a key shown once, rotate it with no grace and revoke the successor", async () => {
    const page = await signIn(ownerEmail);
    await page.fill(`form[aria-label="Issue a key for ${tenant.name}"] input[name="name"]`, "browser key");
    await page.click(`form[aria-label="Issue a key for ${tenant.name}"] button[type="submit"]`);
    const key = await shownKey(page, `Issue a key for ${tenant.name}`);
    expect(key).toMatch(/^sy_live_[\w-]{43}$/);
    expect(await tryKey(key)).toEqual({ status: 200, reason: undefined });
    await page.screenshot({ path: `${ARTIFACTS}/api-keys.png`, fullPage: true });

    await page.reload();
    const html = await page.content();
    expect(html).not.toContain(key);
    expect(html).toContain(key.slice(0, 16));

    await page.selectOption('form[aria-label="Rotate browser key"] select[name="graceMinutes"]', "0");
    await page.click('form[aria-label="Rotate browser key"] button[type="submit"]');
    const successor = await shownKey(page, "Rotate browser key");
    expect(successor).not.toBe(key);
    expect(await tryKey(key)).toEqual({ status: 401, reason: "expired" });
    expect(await tryKey(successor)).toEqual({ status: 200, reason: undefined });

    await page.reload();
    const revokeSuccessor = page.locator('form[aria-label="Revoke browser key"] button:not([disabled])');
    await expect.poll(() => revokeSuccessor.count()).toBe(1);
    await revokeSuccessor.click();
    await expect.poll(async () => (await tryKey(successor)).reason).toBe("revoked");
    await page.close();
  });

  it("shows a viewer the keys and no way to change them", async () => {
    await issueApiKey(db, { tenantId: tenant.id }, { name: "seen by the viewer" });
    const page = await signIn(viewerEmail);
    await page.locator(`section[aria-label="API keys of ${tenant.name}"]`).waitFor();
    expect(await page.locator(`form[aria-label="Issue a key for ${tenant.name}"]`).count()).toBe(0);
    expect(await page.locator('form[aria-label^="Revoke"], form[aria-label^="Rotate"]').count()).toBe(0);
    expect(await page.locator(`table[aria-label="Keys of ${tenant.name}"] tbody tr`).count()).toBeGreaterThan(0);
    await page.close();
  });

  it("refuses the public demo keys: the server runs with NODE_ENV=production", async () => {
    expect(await tryKey("sy_demo_acme_coffee_0000000000000000")).toEqual({
      status: 401,
      reason: "demo_key_in_production",
    });
  });
});
