import { randomUUID } from "node:crypto";
import { enqueueAgentJob } from "@switchyard/agents";
import {
  createSimulatedAdapter,
  createTestApiKey,
  createTestRuns,
  createTestTenant,
  type Harness,
  startHarness,
} from "@switchyard/agents/testing";
import { JUDGE_PASS_SCORE } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectDocumented } from "./openapi-check";

const prefix = `review-api-${randomUUID().slice(0, 8)}`;
process.env.QUEUE_PREFIX = prefix;
const { POST } = await import("../app/api/v1/runs/[id]/review/route");

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ adapter: createSimulatedAdapter({ latencyMs: [0, 0], failureRate: 0 }), prefix });
});
afterAll(() => h.close());

interface ReviewAnswer {
  review: { id: string; runId: string; decision: string; score: number | null; feedback: string };
  revisionRunId: string | null;
  isDuplicate: boolean;
}
interface ErrorAnswer {
  error: { code: string; message: string };
}

async function postReview(key: string | null, runId: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await POST(
    new Request(`http://localhost/api/v1/runs/${runId}/review`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ id: runId }) },
  );
  await expectDocumented("/api/v1/runs/{id}/review", "post", response);
  return { status: response.status, body: (await response.json()) as ReviewAnswer & ErrorAnswer };
}

/** A tenant with an API key and one finished run that wrote a draft. */
async function tenantWithDraft(judge: "always" | "off" = "off") {
  const { tenant, config } = await createTestTenant(h.db, { balanceMicros: 20_000_000, judge });
  const key = await createTestApiKey(h.db, tenant.id);
  const { run } = await enqueueAgentJob(h, {
    tenantId: tenant.id,
    input: { role: "social-post-writer", topic: `Cold brew week ${randomUUID().slice(0, 6)}` },
  });
  await h.waitForRuns([run.id]);
  return { tenant, config, key, runId: run.id };
}

const countReviews = (runId: string) => h.db.review.count({ where: { contentItem: { runId } } });
const countRevisions = (runId: string) => h.db.agentRun.count({ where: { revisesRunId: runId } });
const REJECT = { decision: "reject", score: 2, feedback: "Lead with the price, please." };

describe("POST /api/v1/runs/:id/review", () => {
  it("approves once: a repeat answers 200 with the first review, a different verdict is a 409", async () => {
    const { key, runId } = await tenantWithDraft();
    const first = await postReview(key, runId, { decision: "approve" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ review: { runId, decision: "approve", score: null }, revisionRunId: null });
    const again = await postReview(key, runId, { decision: "approve" });
    expect(again.status).toBe(200);
    expect(again.body.review.id).toBe(first.body.review.id);
    expect(again.body.isDuplicate).toBe(true);
    const conflicting = await postReview(key, runId, REJECT);
    expect(conflicting.status).toBe(409);
    expect(conflicting.body.error.code).toBe("review_conflict");
    expect(await countReviews(runId)).toBe(1);
    expect(await countRevisions(runId)).toBe(0);
    expect(await h.db.contentItem.findUniqueOrThrow({ where: { runId } })).toMatchObject({ status: "approved" });
  });

  it("rejects with a score: one review and one revision run, however often (or concurrently) it is sent", async () => {
    const { key, runId } = await tenantWithDraft();
    const headers = { "idempotency-key": "reject-1" };
    const racing = await Promise.all([
      postReview(key, runId, REJECT, headers),
      postReview(key, runId, REJECT, headers),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 201]);
    const [a, b] = racing.map((r) => r.body);
    expect(a!.review.id).toBe(b!.review.id);
    expect(a!.revisionRunId).toBeTruthy();
    expect(b!.revisionRunId).toBe(a!.revisionRunId);
    // The same key answers with the first result even when the body differs, as POST /api/v1/jobs does.
    const replay = await postReview(key, runId, { decision: "approve" }, headers);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({
      review: { id: a!.review.id, decision: "reject", score: 2 },
      isDuplicate: true,
    });
    expect(await countReviews(runId)).toBe(1);
    expect(await countRevisions(runId)).toBe(1);
    const [revision] = await h.waitForRuns([a!.revisionRunId!]);
    expect(revision).toMatchObject({ status: "succeeded", revisesRunId: runId, modelRouteReason: "revision_history" });
  });

  it("answers 422 when an Idempotency-Key is reused for another run", async () => {
    const { tenant, key, runId } = await tenantWithDraft();
    const { run: other } = await enqueueAgentJob(h, {
      tenantId: tenant.id,
      input: { role: "email-writer", topic: "Second draft for the key test" },
    });
    await h.waitForRuns([other.id]);
    expect((await postReview(key, runId, { decision: "approve" }, { "idempotency-key": "k-1" })).status).toBe(201);
    const reused = await postReview(key, other.id, { decision: "approve" }, { "idempotency-key": "k-1" });
    expect(reused.status).toBe(422);
    expect(await countReviews(other.id)).toBe(0);
  });

  it("answers 404 for another tenant's run or an unknown id, 401 for a missing or revoked key", async () => {
    const a = await tenantWithDraft();
    const b = await tenantWithDraft();
    expect((await postReview(b.key, a.runId, REJECT)).status).toBe(404);
    expect((await postReview(b.key, randomUUID(), REJECT)).status).toBe(404);
    expect((await postReview(b.key, "not-a-uuid", REJECT)).status).toBe(404);
    expect((await postReview(null, a.runId, REJECT)).status).toBe(401);
    const revoked = await createTestApiKey(h.db, a.tenant.id, { revoked: true });
    const refused = await postReview(revoked, a.runId, REJECT);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthorized");
    expect(await countReviews(a.runId)).toBe(0);
    expect(await h.db.contentItem.findUniqueOrThrow({ where: { runId: a.runId } })).toMatchObject({ status: "draft" });
  });

  it.each([
    ["a score of 0", { ...REJECT, score: 0 }],
    ["a score of 6", { ...REJECT, score: 6 }],
    ["a fractional score", { ...REJECT, score: 2.5 }],
    ["a score as a string", { ...REJECT, score: "2" }],
    ["a rejection without a score", { decision: "reject", feedback: "Needs a clearer offer." }],
    ["a rejection without feedback", { decision: "reject", score: 2 }],
    ["an unknown decision", { decision: "maybe" }],
    ["an unknown field", { decision: "approve", model: "claude-opus-4-7" }],
    ["invalid JSON", "{not json"],
  ])("answers 400 for %s and records nothing", async (_name, body) => {
    const { key, runId } = await tenantWithDraft();
    const response = await postReview(key, runId, body);
    expect(response.status).toBe(400);
    expect(response.body.error.message.length).toBeGreaterThan(10);
    expect(await countReviews(runId)).toBe(0);
  });

  it("answers 409 for a run that wrote nothing", async () => {
    const { tenant, config } = await createTestTenant(h.db, {});
    const key = await createTestApiKey(h.db, tenant.id);
    const [queuedRun] = await createTestRuns(h.db, tenant.id, config.id, 1);
    const response = await postReview(key, queuedRun!, { decision: "approve" });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("no_reviewable_content");
  });

  it("counts the review in the rollups, with the judge's agreement", async () => {
    const { tenant, runId } = await tenantWithDraft("always");
    const key = await createTestApiKey(h.db, tenant.id);
    const run = await h.db.agentRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.judgeStatus).toBe("scored");
    const before = await rollupTotals(tenant.id);
    expect((await postReview(key, runId, REJECT)).status).toBe(201);
    const after = await rollupTotals(tenant.id);
    expect(after).toEqual({
      rejections: before.rejections + 1,
      reviewScoreSum: before.reviewScoreSum + 2,
      reviewScoreCount: before.reviewScoreCount + 1,
      reviewsJudged: before.reviewsJudged + 1,
      judgeAgreements: before.judgeAgreements + ((run.judgeScore ?? 1) < JUDGE_PASS_SCORE ? 1 : 0),
    });
  });
});

async function rollupTotals(tenantId: string) {
  const sums = await h.db.runRollup.aggregate({
    where: { tenantId },
    _sum: {
      rejections: true,
      reviewScoreSum: true,
      reviewScoreCount: true,
      reviewsJudged: true,
      judgeAgreements: true,
    },
  });
  return {
    rejections: sums._sum.rejections ?? 0,
    reviewScoreSum: sums._sum.reviewScoreSum ?? 0,
    reviewScoreCount: sums._sum.reviewScoreCount ?? 0,
    reviewsJudged: sums._sum.reviewsJudged ?? 0,
    judgeAgreements: sums._sum.judgeAgreements ?? 0,
  };
}
