import { randomUUID } from "node:crypto";
import { addWebhookEndpoint } from "@switchyard/agents";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { ARTIFACTS, useOwnerAndViewer } from "./browser-harness";

const db = createPrismaClient();
const { ownerEmail, viewerEmail, signIn, ...ui } = useOwnerAndViewer(db, "hooks", "/webhooks");
afterAll(() => db.$disconnect());

describe("the webhooks page, on the production server", () => {
  it("lets an owner add an endpoint whose secret is shown once, see its deliveries and remove it", async () => {
    const page = await signIn(ownerEmail);
    const add = `form[aria-label="Add a webhook endpoint for ${ui.tenant().name}"]`;
    const url = `https://hooks.example.com/${randomUUID().slice(0, 8)}`;
    await page.fill(`${add} input[name="url"]`, url);
    await page.click(`${add} button[type="submit"]`);
    const output = page.locator(`${add} output[aria-label="New webhook signing secret"] code`);
    await output.waitFor();
    const secret = (await output.textContent()) ?? "";
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const endpoint = await db.webhookEndpoint.findFirstOrThrow({ where: { tenantId: ui.tenant().id, url } });
    expect(endpoint).toMatchObject({ secret, events: ["run.succeeded", "run.failed", "run.refused"] });
    await db.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        tenantId: ui.tenant().id,
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
    await addWebhookEndpoint(db, ui.tenant().id, { url, events: ["run.failed"] });
    const page = await signIn(viewerEmail);
    await page.locator(`section[aria-label="Webhooks of ${ui.tenant().name}"]`).waitFor();
    expect(await page.locator(`form[aria-label="Add a webhook endpoint for ${ui.tenant().name}"]`).count()).toBe(0);
    expect(await page.locator('form[aria-label^="Remove"]').count()).toBe(0);
    expect(await page.locator(`article[aria-label="Endpoint ${url}"]`).count()).toBe(1);
    await page.close();
  });
});
