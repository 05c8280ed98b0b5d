import { randomUUID } from "node:crypto";
import { addWebhookEndpoint } from "@switchyard/agents";
import { createTestTenant } from "@switchyard/agents/testing";
import { createPrismaClient, hashPassword } from "@switchyard/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchChromium, startDashboard } from "./browser-harness";

const PASSWORD = "browser-webhooks-password";
const db = createPrismaClient();
let dashboard: Awaited<ReturnType<typeof startDashboard>>;
let browser: Browser;
let tenant: { id: string; name: string };
let ownerEmail: string;
let viewerEmail: string;

beforeAll(async () => {
  dashboard = await startDashboard(`hooks-e2e-${randomUUID().slice(0, 8)}`);
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
  await page.goto(`${dashboard.url}/webhooks`);
  return page;
}

describe("the webhooks page, on the production server", () => {
  it("lets an owner add an endpoint whose secret is shown once, see its deliveries and remove it", async () => {
    const page = await signIn(ownerEmail);
    const add = `form[aria-label="Add a webhook endpoint for ${tenant.name}"]`;
    const url = `https://hooks.example.com/${randomUUID().slice(0, 8)}`;
    await page.fill(`${add} input[name="url"]`, url);
    await page.click(`${add} button[type="submit"]`);
    const output = page.locator(`${add} output[aria-label="New webhook signing secret"] code`);
    await output.waitFor();
    const secret = (await output.textContent()) ?? "";
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const endpoint = await db.webhookEndpoint.findFirstOrThrow({ where: { tenantId: tenant.id, url } });
    expect(endpoint).toMatchObject({ secret, events: ["run.succeeded", "run.failed", "run.refused"] });
    await db.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        tenantId: tenant.id,
        eventId: "evt_e2e",
        eventType: "run.succeeded",
        payload: "{}",
        status: "retrying",
        attempts: 2,
        lastStatusCode: 502,
        lastError: "HTTP 502: bad gateway",
      },
    });

    await page.reload();
    expect(await page.content()).not.toContain(secret);
    const log = page.locator(`table[aria-label="Deliveries to ${url}"] tbody tr`);
    await expect.poll(() => log.count()).toBe(1);
    expect(await log.first().textContent()).toContain("HTTP 502: bad gateway");
    await page.screenshot({ path: `${ARTIFACTS}/webhooks.png`, fullPage: true });

    await page.click(`form[aria-label="Remove ${url}"] button[type="submit"]`);
    await expect.poll(() => db.webhookEndpoint.count({ where: { id: endpoint.id } })).toBe(0);
    await page.close();
  });

  it("shows a viewer the endpoints and no way to change them", async () => {
    const url = "https://hooks.example.com/seen-by-the-viewer";
    await addWebhookEndpoint(db, tenant.id, { url, events: ["run.failed"] });
    const page = await signIn(viewerEmail);
    await page.locator(`section[aria-label="Webhooks of ${tenant.name}"]`).waitFor();
    expect(await page.locator(`form[aria-label="Add a webhook endpoint for ${tenant.name}"]`).count()).toBe(0);
    expect(await page.locator('form[aria-label^="Remove"]').count()).toBe(0);
    expect(await page.locator(`article[aria-label="Endpoint ${url}"]`).count()).toBe(1);
    await page.close();
  });
});
