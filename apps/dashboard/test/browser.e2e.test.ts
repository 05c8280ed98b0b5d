import { randomUUID } from "node:crypto";
import {
  createSimulatedAdapter,
  createTestTenant,
  type Harness,
  startHarness,
  throttleLane,
} from "@switchyard/agents/testing";
import { hashPassword } from "@switchyard/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchChromium, signIn as signInAs, startDashboard } from "./browser-harness";

const PASSWORD = "browser-test-password";
let h: Harness;
let dashboard: Awaited<ReturnType<typeof startDashboard>>;
let browser: Browser;
let tenantId: string;
let otherTenantId: string;
let ownerEmail: string;
let viewerEmail: string;

beforeAll(async () => {
  const prefix = `browser-${randomUUID().slice(0, 8)}`;
  h = await startHarness({ adapter: createSimulatedAdapter({ latencyMs: [0, 0] }), prefix });
  dashboard = await startDashboard(prefix);
  browser = await launchChromium();
  // The judge always on, so the judge's chart and the evaluation cost have something to show.
  const { tenant } = await createTestTenant(h.db, { balanceMicros: 50_000_000, judge: "always" });
  const { tenant: other } = await createTestTenant(h.db, { balanceMicros: 50_000_000 });
  tenantId = tenant.id;
  otherTenantId = other.id;
  const passwordHash = await hashPassword(PASSWORD);
  ownerEmail = `owner-${randomUUID().slice(0, 8)}@example.test`;
  viewerEmail = `viewer-${randomUUID().slice(0, 8)}@example.test`;
  await h.db.user.create({
    data: {
      email: ownerEmail,
      name: "Browser Owner",
      passwordHash,
      memberships: { create: { tenantId, role: "owner" } },
    },
  });
  await h.db.user.create({
    data: {
      email: viewerEmail,
      name: "Browser Viewer",
      passwordHash,
      memberships: { create: { tenantId, role: "viewer" } },
    },
  });
}, 120_000);

afterAll(async () => {
  // A beforeAll that failed part-way leaves the later of these unset.
  const started: { browser?: Browser; dashboard?: typeof dashboard; h?: Harness } = { browser, dashboard, h };
  await started.browser?.close();
  await started.dashboard?.stop();
  await started.h?.close();
});

const signIn = (email: string): Promise<Page> => signInAs(browser, dashboard.url, email, PASSWORD);

async function enqueueThroughForm(page: Page, role: string, topic: string) {
  await page.goto(`${dashboard.url}/enqueue`);
  await page.selectOption('select[name="role"]', role);
  await page.fill('input[name="topic"]', topic);
  await page.click('form[aria-label="Enqueue a job"] button[type="submit"]');
  await page.waitForURL(/\/runs\//);
  return page.url().split("/runs/")[1]!;
}

/** Finished runs with drafts, written straight to the database (the queue's paging is what is under test). */
async function seedDrafts(count: number, role: string, model: string, tier: "simple" | "standard", marker: string) {
  const config = await h.db.agentConfig.findFirstOrThrow({ where: { tenantId, role } });
  for (let i = 0; i < count; i++) {
    const topic = `Queue ${marker} ${role} ${String(i)}`;
    const run = await h.db.agentRun.create({
      data: {
        tenantId,
        configId: config.id,
        role,
        jobId: `seed/${randomUUID()}`,
        adapter: "simulated",
        model: config.model,
        input: { role, topic },
        status: "succeeded",
        source: "simulated",
        modelRoutedTo: model,
        taskComplexity: tier,
        judgeStatus: "not_sampled",
        finishedAt: new Date(),
      },
    });
    await h.db.contentItem.create({
      data: {
        tenantId,
        runId: run.id,
        kind: role === "blog-writer" ? "blog_post" : "social_post",
        title: topic,
        body: `${topic}. ${"A long paragraph about the offer, the price and the date it ends. ".repeat(12)}`,
        checksScore: 0.8,
        qualityChecks: [{ name: "length", isPassed: true }],
      },
    });
  }
}

describe("the dashboard in a real browser", () => {
  it("signs in, enqueues jobs, shows every analytics chart with data, and filters", async () => {
    const page = await signIn(ownerEmail);
    const runIds: string[] = [];
    for (const [role, topic] of [
      ["social-post-writer", "Cold brew launch"],
      ["blog-writer", "Grind size guide"],
      ["strategy-writer", "Q1 plan"],
      ["email-writer", "Welcome email"],
    ]) {
      runIds.push(await enqueueThroughForm(page, role!, topic!));
    }
    await h.waitForRuns(runIds);
    await page.goto(`${dashboard.url}/runs/${runIds[0]}`);
    await expect(page.locator("text=succeeded").first().isVisible()).resolves.toBe(true);
    await expect(page.locator("text=simulated (offline provider)").isVisible()).resolves.toBe(true);

    await page.goto(`${dashboard.url}/agents?tab=analytics`);
    const charts = [
      "Model distribution per agent role",
      "Complexity tiers per role",
      "Cost over time",
      "Checks score by model and tier",
      "Judge score by model and tier",
      "Routing reasons over time",
    ];
    for (const chart of charts) {
      const svg = page.locator(`[data-chart="${chart}"] svg.recharts-surface`);
      await svg.first().waitFor({ timeout: 10_000 });
      const marks = await page
        .locator(`[data-chart="${chart}"] .recharts-bar-rectangle, [data-chart="${chart}"] .recharts-line-dot`)
        .count();
      expect(marks, chart).toBeGreaterThan(0);
    }
    await page.screenshot({ path: `${ARTIFACTS}/analytics.png`, fullPage: true });

    // Only simulated runs in range: the tab shows them, under a banner that says what they prove.
    expect(await page.inputValue('select[name="source"]')).toBe("all");
    const banner = page.locator('[data-banner="origin"] [data-source="simulated"]');
    expect(await banner.textContent()).toMatch(/simulated runs: .*never that a model writes well/);
    // The date fields show the range in effect (the last 30 days, UTC), not blanks.
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    expect([await page.inputValue('input[name="from"]'), await page.inputValue('input[name="to"]')]).toEqual([
      from,
      today,
    ]);
    // No card is wider than itself at a laptop width or a narrow one: wide tables scroll inside.
    for (const width of [1280, 760]) {
      await page.setViewportSize({ width, height: 900 });
      // Charts follow their container through a ResizeObserver, a frame or more after the resize:
      // poll until the layout settles, so only an overflow that stays fails.
      const overflowing = () =>
        page.$$eval("main .card", (cards) =>
          cards
            .filter((c) => c.scrollWidth > c.clientWidth + 1)
            .map((c) => `${c.getAttribute("aria-label") ?? "card"}: ${c.scrollWidth} > ${c.clientWidth}`),
        );
      await expect.poll(overflowing, { message: `width ${width}`, timeout: 5_000 }).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.selectOption('select[name="source"]', "real");
    await page.click('form[aria-label="Filters"] button[type="submit"]');
    await page.waitForURL(/source=real/);
    expect(await page.locator('[data-empty="analytics"]').textContent()).toMatch(/No finished real runs/);
    expect(await page.locator('[data-banner="origin"]').count()).toBe(0);
    await page.selectOption('select[name="source"]', "all");

    await page.selectOption('select[name="role"]', "blog-writer");
    await page.click('form[aria-label="Filters"] button[type="submit"]');
    await page.waitForURL(/role=blog-writer/);
    const roles = await page
      .locator('section[aria-label="Model distribution per agent role"] tbody tr td:first-child')
      .allTextContents();
    expect(roles).toEqual(["blog-writer"]);
    await page.screenshot({ path: `${ARTIFACTS}/analytics-filtered.png`, fullPage: true });
  });

  it("replays the range under another tier table, saves it as an owner, and shows it to a viewer unsaved", async () => {
    const haiku = "claude-haiku-4-5-20251001";
    const owner = await signIn(ownerEmail);
    await owner.goto(`${dashboard.url}/agents?tab=analytics`);
    await owner.selectOption('select[name="rt.blog-writer.standard"]', haiku);
    await owner.fill('input[name="rk.blog-writer"]', "0.8");
    await owner.click('form[aria-label="Replay policy"] button[type="submit"]');
    await owner.waitForURL(/replay=1/);
    const blog = owner.locator('table[aria-label="Replay by role"] tr[data-role="blog-writer"]');
    expect(await blog.locator("td").nth(5).textContent()).toMatch(/standard: sonnet-4-6 → haiku-4-5, 1/);
    const money = async (cell: number) => Number((await blog.locator("td").nth(cell).textContent())!.replace("$", ""));
    // A standard blog priced on Haiku costs less than on Sonnet, with the same tokens (prices are a third).
    expect(await money(3)).toBeLessThan(await money(2));
    expect(await owner.locator("[data-replay-summary]").textContent()).toMatch(/would have cost/);
    // No cascaded run recorded a gate score, and no classifier decided a run: both say so plainly.
    expect(await owner.locator('[data-replay-cascade] li[data-role="blog-writer"]').textContent()).toMatch(
      /at 0\.8: No cascaded run of this role recorded a gate score/,
    );
    expect(await owner.locator("[data-replay-hybrid]").textContent()).toMatch(
      /No run in this range recorded a classifier decision/,
    );
    await owner.screenshot({ path: `${ARTIFACTS}/analytics-replay.png`, fullPage: true });
    await owner.click('form[aria-label="Save replayed routing"] button[type="submit"]');
    await owner.locator('form[aria-label="Save replayed routing"] [role="status"]').waitFor();
    const stored = await h.db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(stored.routingOverrides).toEqual({ "blog-writer": { standard: haiku } });

    const viewer = await signIn(viewerEmail);
    await viewer.goto(owner.url());
    await viewer.locator('table[aria-label="Replay by role"]').waitFor();
    expect(await viewer.locator('form[aria-label="Save replayed routing"]').count()).toBe(0);
    await expect(viewer.locator("text=Owners can save this tier table").isVisible()).resolves.toBe(true);
    await h.db.tenant.update({ where: { id: tenantId }, data: { routingOverrides: {} } });
  });

  it("approves one item and rejects another, which queues a revision run", async () => {
    const page = await signIn(ownerEmail);
    await page.goto(`${dashboard.url}/content?status=awaiting`);
    const items = page.locator("article[data-content-id]");
    expect(await items.count()).toBeGreaterThanOrEqual(2);
    const firstId = await items.nth(0).getAttribute("data-content-id");
    const secondId = await items.nth(1).getAttribute("data-content-id");
    await items.nth(0).locator('button[value="approved"]').click();
    // A reviewed item leaves the draft list.
    await page.locator(`article[data-content-id="${firstId}"]`).waitFor({ state: "detached" });
    const second = page.locator(`article[data-content-id="${secondId}"]`);
    await second.locator('select[name="score"]').selectOption("2");
    await second.locator('input[name="feedback"]').fill("Open with the price, cut the jargon.");
    await second.locator('button[value="rejected"]').click();
    await page.locator(`article[data-content-id="${secondId}"]`).waitFor({ state: "detached" });
    expect((await h.db.contentItem.findUniqueOrThrow({ where: { id: firstId! } })).status).toBe("approved");
    const rejected = await h.db.contentItem.findUniqueOrThrow({ where: { id: secondId! }, include: { reviews: true } });
    expect(rejected.status).toBe("rejected");
    const revision = await h.db.agentRun.findFirstOrThrow({ where: { revisesRunId: rejected.runId } });
    const [done] = await h.waitForRuns([revision.id]);
    expect(done!.status).toBe("succeeded");
    await page.goto(`${dashboard.url}/agents?tab=runs`);
    await expect(page.locator(`a[href="/runs/${revision.id}"]`).isVisible()).resolves.toBe(true);
  });

  it("pages the review queue by 25, with expanding previews, narrowing filters and scored rejections", async () => {
    const marker = randomUUID().slice(0, 6);
    await seedDrafts(30, "social-post-writer", "claude-haiku-4-5-20251001", "simple", marker);
    await seedDrafts(3, "blog-writer", "claude-sonnet-4-6", "standard", marker);
    const page = await signIn(ownerEmail);
    await page.goto(`${dashboard.url}/content`);
    const items = page.locator("article[data-content-id]");
    expect(await items.count()).toBe(25);
    const first = items.first();
    await expect(first.locator(".badge.sim").textContent()).resolves.toBe("simulated");
    await expect(first.locator('[aria-label="Quality signals"]').textContent()).resolves.toMatch(
      /checks 0\.\d\d.*judge/,
    );
    const fullText = first.locator("pre.content");
    expect(await fullText.isVisible()).toBe(false);
    await first.locator("summary").click();
    await fullText.waitFor({ state: "visible" });
    await page.screenshot({ path: `${ARTIFACTS}/content.png`, fullPage: true });

    await page.selectOption('form[aria-label="Content filters"] select[name="role"]', "blog-writer");
    await page.selectOption('form[aria-label="Content filters"] select[name="tier"]', "standard");
    await page.click('form[aria-label="Content filters"] button[type="submit"]');
    await page.waitForURL(/role=blog-writer.*tier=standard/);
    const narrowed = await items.count();
    expect(narrowed).toBeGreaterThanOrEqual(3);
    expect(narrowed).toBeLessThan(25);
    for (const meta of await items.locator("p.muted.row").allTextContents())
      expect(meta).toMatch(/blog-writer.*standard/);

    await page.goto(`${dashboard.url}/content?role=social-post-writer&tier=simple`);
    const older = page.locator('nav[aria-label="Pages"] a', { hasText: "older" });
    await older.click();
    await page.waitForURL(/page=2/);
    expect(page.url()).toMatch(/role=social-post-writer/);
    expect(page.url()).toMatch(/tier=simple/);
    expect(await items.count()).toBeGreaterThanOrEqual(5);

    const target = items.first();
    const targetId = await target.getAttribute("data-content-id");
    await target.locator('input[name="feedback"]').fill("Say when the offer ends.");
    await target.locator('button[value="rejected"]').click();
    await expect(target.locator('[role="alert"]').textContent()).resolves.toMatch(/score from 1 to 5/);
    await target.locator('select[name="score"]').selectOption("2");
    await target.locator('button[value="rejected"]').click();
    await page.locator(`article[data-content-id="${targetId}"]`).waitFor({ state: "detached" });
    const rejected = await h.db.contentItem.findUniqueOrThrow({ where: { id: targetId! }, include: { reviews: true } });
    expect(rejected.reviews.map((r) => [r.verdict, r.score])).toEqual([["rejected", 2]]);
    expect(await h.db.agentRun.count({ where: { revisesRunId: rejected.runId } })).toBe(1);
    await page.goto(`${dashboard.url}/content?status=rejected&role=social-post-writer`);
    await expect(page.locator(`article[data-content-id="${targetId}"] .badge.rejected`).textContent()).resolves.toBe(
      "rejected 2/5",
    );
  });

  it("pages the runs tab by cursor: older, newer and back to the newest", async () => {
    await seedDrafts(55, "social-post-writer", "claude-haiku-4-5-20251001", "simple", randomUUID().slice(0, 6));
    const page = await signIn(ownerEmail);
    await page.goto(`${dashboard.url}/agents?tab=runs`);
    const runLinks = () =>
      page.locator('table[aria-label="Runs"] tbody a').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    const newest = await runLinks();
    expect(newest).toHaveLength(50);
    await page.locator('nav[aria-label="Run pages"] a', { hasText: "older" }).click();
    await page.waitForURL(/after=/);
    const older = await runLinks();
    expect(older.length).toBeGreaterThan(0);
    expect(older.filter((href) => newest.includes(href))).toEqual([]);
    await page.locator('nav[aria-label="Run pages"] a', { hasText: "newer" }).click();
    await page.waitForURL(/before=/);
    expect(await runLinks()).toEqual(newest);
    expect(await page.locator('nav[aria-label="Run pages"] a', { hasText: "newer" }).count()).toBe(0);
  });

  it("documents the HTTP API on a page read from the OpenAPI document", async () => {
    const page = await signIn(ownerEmail);
    await page.goto(`${dashboard.url}/api-docs`);
    const sections = await page
      .locator("main section")
      .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    expect(sections).toEqual(["enqueueJob", "listRuns", "getRun", "reviewRun", "Run"]);
    expect(await page.locator('section[aria-label="listRuns"]').textContent()).toMatch(/cursor.*nextCursor/s);
    const served = await page.request.get(`${dashboard.url}/api/v1/openapi.json`);
    expect(((await served.json()) as { openapi: string }).openapi).toBe("3.1.0");
    await page.screenshot({ path: `${ARTIFACTS}/api-docs.png`, fullPage: true });
  });

  it("shows each lane's depth, wait and a provider pause in the queue view", async () => {
    const page = await signIn(ownerEmail);
    await throttleLane(
      h.queues.lanes.heavy,
      h.queues.redis,
      h.prefix,
      "heavy",
      60_000,
      "The provider rate-limited claude-opus-4-7; the lane waits 60000 ms.",
    );
    try {
      await page.goto(`${dashboard.url}/agents?tab=queues`);
      const lanes = await page.locator('table[aria-label="Lanes"] tbody tr td:first-child').allTextContents();
      expect(lanes).toEqual(["fast", "standard", "heavy", "batch"]);
      await expect(page.locator('tr[data-lane="heavy"]').textContent()).resolves.toMatch(
        /paused .*rate-limited claude-opus-4-7/,
      );
      await expect(page.locator('tr[data-lane="fast"]').textContent()).resolves.toMatch(/running/);
      // The runs of the first test started: their lanes have wait figures.
      const fastStarted = await page
        .locator('table[aria-label="Queue wait"] tbody tr')
        .first()
        .locator("td")
        .nth(1)
        .textContent();
      expect(Number(fastStarted)).toBeGreaterThan(0);
      expect(await page.locator('table[aria-label="Backlog by tenant"]').count()).toBe(0);
      await page.screenshot({ path: `${ARTIFACTS}/queues.png`, fullPage: true });
    } finally {
      await h.queues.lanes.heavy.removeRateLimitKey();
    }
  });

  it("shows HTML an agent or a tenant wrote as text, never as markup", async () => {
    const markup = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    const hostile = `${markup} Hostile ${randomUUID().slice(0, 6)}`;
    const config = await h.db.agentConfig.findFirstOrThrow({ where: { tenantId, role: "blog-writer" } });
    const run = await h.db.agentRun.create({
      data: {
        tenantId,
        configId: config.id,
        role: "blog-writer",
        jobId: `x/${randomUUID()}`,
        adapter: "simulated",
        model: config.model,
        input: { role: "blog-writer", topic: hostile },
        status: "succeeded",
        error: hostile,
      },
    });
    await h.db.contentItem.create({
      data: {
        tenantId,
        runId: run.id,
        kind: "blog_post",
        title: hostile,
        body: `# ${hostile}\n\n${hostile}`,
        checksScore: 0.75,
        qualityChecks: {},
      },
    });
    const page = await signIn(ownerEmail);
    for (const path of ["/content?status=awaiting", `/runs/${run.id}`]) {
      await page.goto(`${dashboard.url}${path}`);
      await page.getByText(hostile.slice(0, 30)).first().waitFor();
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), path).toBeUndefined();
      expect(await page.locator("img[src=x]").count(), path).toBe(0);
    }
  });

  it("keeps each tenant's pages to its own people, and a viewer cannot change anything", async () => {
    const [foreignRun] = await h.db.agentRun.createManyAndReturn({
      data: [
        {
          tenantId: otherTenantId,
          configId: (await h.db.agentConfig.findFirstOrThrow({ where: { tenantId: otherTenantId } })).id,
          role: "blog-writer",
          jobId: `x/${randomUUID()}`,
          adapter: "simulated",
          model: "claude-haiku-4-5-20251001",
          input: {},
        },
      ],
    });
    const owner = await signIn(ownerEmail);
    const response = await owner.goto(`${dashboard.url}/runs/${foreignRun!.id}`);
    expect(response?.status()).toBe(404);
    await owner.goto(`${dashboard.url}/agents?tab=config&tenant=${otherTenantId}`);
    expect(await owner.locator('table[aria-label="Agent configuration"]').count()).toBe(0);
    await owner.goto(`${dashboard.url}/credits`);
    expect(await owner.locator('section[aria-label="Balances"] tbody tr').count()).toBe(1);
    expect(await owner.locator('form[aria-label="Grant credits"]').count()).toBe(0);

    const viewer = await signIn(viewerEmail);
    await viewer.goto(`${dashboard.url}/agents?tab=config`);
    expect(await viewer.locator('table[aria-label="Agent configuration"] button[type="submit"]').count()).toBe(0);
    await viewer.goto(`${dashboard.url}/enqueue`);
    await expect(viewer.locator("text=view-only").isVisible()).resolves.toBe(true);
    const anonymous = await browser.newPage();
    await anonymous.goto(`${dashboard.url}/agents?tab=analytics`);
    expect(anonymous.url()).toMatch(/\/sign-in$/);
  });
});
