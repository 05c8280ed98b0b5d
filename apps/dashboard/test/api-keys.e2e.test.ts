import { issueApiKey } from "@switchyard/agents";
import { createPrismaClient } from "@switchyard/db";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { ARTIFACTS, useOwnerAndViewer } from "./browser-harness";

const db = createPrismaClient();
const { ownerEmail, viewerEmail, signIn, ...ui } = useOwnerAndViewer(db, "keys", "/api-keys");
afterAll(() => db.$disconnect());

/** The production server's answer to a key: the status and, on a 401, the reason. */
async function tryKey(key: string): Promise<{ status: number; reason?: string }> {
  const response = await fetch(`${ui.dashboard().url}/api/v1/runs`, { headers: { authorization: `Bearer ${key}` } });
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
    await page.fill(`form[aria-label="Issue a key for ${ui.tenant().name}"] input[name="name"]`, "browser key");
    await page.click(`form[aria-label="Issue a key for ${ui.tenant().name}"] button[type="submit"]`);
    const key = await shownKey(page, `Issue a key for ${ui.tenant().name}`);
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
    await issueApiKey(db, { tenantId: ui.tenant().id }, { name: "seen by the viewer" });
    const page = await signIn(viewerEmail);
    await page.locator(`section[aria-label="API keys of ${ui.tenant().name}"]`).waitFor();
    expect(await page.locator(`form[aria-label="Issue a key for ${ui.tenant().name}"]`).count()).toBe(0);
    expect(await page.locator('form[aria-label^="Revoke"], form[aria-label^="Rotate"]').count()).toBe(0);
    expect(await page.locator(`table[aria-label="Keys of ${ui.tenant().name}"] tbody tr`).count()).toBeGreaterThan(0);
    await page.close();
  });

  it("refuses the public demo keys: the server runs with NODE_ENV=production", async () => {
    expect(await tryKey("sy_demo_acme_coffee_0000000000000000")).toEqual({
      status: 401,
      reason: "demo_key_in_production",
    });
  });
});
