import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { ARTIFACTS, useOwnerAndViewer } from "./browser-harness";

const db = createPrismaClient();
const { ownerEmail, viewerEmail, signIn, ...ui } = useOwnerAndViewer(db, "caps", "/credits");
afterAll(() => db.$disconnect());

const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);

describe("spend caps on the credits page, on the production server", () => {
  it("lets an owner set caps, then warns the owner on every page at 80% of one", async () => {
    const page = await signIn(ownerEmail);
    const form = `form[aria-label="Spend caps of ${ui.tenant().name}"]`;
    await page.fill(`${form} input[name="dailyCapUsd"]`, "2.5");
    await page.fill(`${form} input[name="monthlyCapUsd"]`, "");
    await page.click(`${form} button[type="submit"]`);
    await expect
      .poll(async () => (await db.tenant.findUniqueOrThrow({ where: { id: ui.tenant().id } })).dailyCapMicros)
      .toBe(2_500_000n);
    expect(await page.locator('[aria-label="Spend cap warnings"]').count()).toBe(0);
    // The change is in the audit log, with who made it and the caps before and after.
    await page.goto(`${ui.dashboard().url}/audit`);
    const logged = page.locator('section[aria-label="Audit events"] tbody tr').first();
    await logged.waitFor();
    expect(await logged.textContent()).toMatch(
      new RegExp(`${ownerEmail}.*tenant\\.spend_caps.*dailyCapMicros: — → 2500000`),
    );

    // Spend (settled + held) of 85% of the daily cap, as the hold statements would have counted it.
    await db.tenant.update({
      where: { id: ui.tenant().id },
      data: { spendDay: today(), spendDayMicros: 2_125_000n },
    });
    await page.goto(`${ui.dashboard().url}/agents`);
    const banner = page.locator('[aria-label="Spend cap warnings"]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`${ui.tenant().name}: $2.1250 of its daily cap of $2.50 (85%)`);
    await page.goto(`${ui.dashboard().url}/credits`);
    expect(await page.locator('section[aria-label="Balances"]').textContent()).toContain("$2.50 (85%)");
    await page.screenshot({ path: `${ARTIFACTS}/spend-caps.png`, fullPage: true });
    await page.close();
  });

  it("shows a viewer the position but no caps form and no owner's warning", async () => {
    await db.tenant.update({
      where: { id: ui.tenant().id },
      data: { dailyCapMicros: 1_000_000n, spendDay: today(), spendDayMicros: 900_000n },
    });
    const page = await signIn(viewerEmail);
    await page.locator('section[aria-label="Balances"]').waitFor();
    expect(await page.locator('section[aria-label="Balances"]').textContent()).toContain("$1.00 (90%)");
    expect(await page.locator('form[aria-label^="Spend caps of"]').count()).toBe(0);
    expect(await page.locator('[aria-label="Spend cap warnings"]').count()).toBe(0);
    await page.goto(`${ui.dashboard().url}/audit`);
    expect(await page.locator("main").textContent()).toContain(
      "Only a tenant's owners and operators see its audit log.",
    );
    await page.close();
  });
});
