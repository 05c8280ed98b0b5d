import { randomUUID } from "node:crypto";
import { z } from "zod";
import { batchRequestsProblem } from "../../src/adapters/batch-requests";
import type { PromptCache } from "../../src/adapters/prompt-cache";
import { requestProblem } from "../../src/adapters/request-rules";
import { hashString } from "../../src/adapters/simulated-prose";
import type { FakeBehaviour } from "./behaviours";
import { composeMessage } from "./compose-message";
import { errorBody } from "./http";
import { parseMessageBody } from "./request-body";

/** What one request of a batch ends as, by custom_id; requests without one answer as a live "ok" call. */
export type FakeBatchOutcome =
  Extract<FakeBehaviour, { kind: "ok" | "tool" | "max_tokens" | "error" }> | { kind: "expired" };

export type BatchReply = { status: number; json: unknown } | { status: 200; jsonl: string };

type BatchResultBody = { type: string; [field: string]: unknown };

const DAY_MS = 24 * 60 * 60_000;
const CreateBodySchema = z.object({ requests: z.array(z.object({ custom_id: z.string(), params: z.unknown() })) });

interface FakeBatch {
  id: string;
  requests: { custom_id: string; params: unknown }[];
  createdAt: number;
  expiresAt: number;
  isHeld: boolean;
  cancelInitiatedAt?: number;
  endedAt?: number;
  results?: { custom_id: string; result: BatchResultBody }[];
}

/**
 * Message Batches for the fake API. A batch is created in_progress and is processed, all at once, the
 * next time it is read, unless it is held; each request gets the same semantics as a live call (the
 * same prompt cache included) and a batch service tier. Held batches stay in progress until released;
 * any batch not ended by its expiry (24 hours, or what expireAfter set) ends with its requests expired;
 * a canceled one ends with them canceled. Results come back as JSONL, not in request order.
 */
export function createFakeBatches(deps: { now: () => number; cache: PromptCache; baseURL: () => string }) {
  const batches = new Map<string, FakeBatch>();
  const outcomes = new Map<string, FakeBatchOutcome>();
  let isHolding = false;
  let expiryMs = DAY_MS;

  function create(value: unknown): BatchReply {
    const parsed = CreateBodySchema.safeParse(value);
    if (!parsed.success) return invalid(`requests: ${parsed.error.issues[0]!.message}`);
    const problem = batchRequestsProblem(parsed.data.requests.map((r) => r.custom_id));
    if (problem) return invalid(problem);
    const now = deps.now();
    const id = `msgbatch_fake_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    const batch = { id, requests: parsed.data.requests, createdAt: now, expiresAt: now + expiryMs, isHeld: isHolding };
    batches.set(id, batch);
    return { status: 200, json: view(batch) };
  }

  function settle(batch: FakeBatch): void {
    if (batch.endedAt !== undefined) return;
    const now = deps.now();
    if (batch.cancelInitiatedAt !== undefined) end(batch, now, () => ({ type: "canceled" }));
    else if (now >= batch.expiresAt) end(batch, batch.expiresAt, () => ({ type: "expired" }));
    else if (!batch.isHeld) end(batch, now, (request) => resultOf(request.custom_id, request.params));
  }

  function end(batch: FakeBatch, at: number, resultFor: (r: FakeBatch["requests"][number]) => BatchResultBody) {
    batch.results = batch.requests.map((request) => ({ custom_id: request.custom_id, result: resultFor(request) }));
    batch.endedAt = at;
  }

  function resultOf(customId: string, params: unknown): BatchResultBody {
    const outcome = outcomes.get(customId);
    if (outcome?.kind === "expired") return { type: "expired" };
    if (outcome?.kind === "error") return errored(outcome.status, `fake ${outcome.status}`);
    const parsed = parseMessageBody(params);
    if ("problem" in parsed) return errored(400, parsed.problem);
    const problem = parsed.body.stream ? "stream: not allowed in a batch" : requestProblem(parsed.body);
    if (problem) return errored(400, problem);
    return { type: "succeeded", message: composeMessage(parsed.body, outcome ?? { kind: "ok" }, deps.cache, "batch") };
  }

  function view(batch: FakeBatch) {
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    const count = (type: string) => batch.results?.filter((r) => r.result.type === type).length ?? 0;
    const isCanceling = batch.cancelInitiatedAt !== undefined;
    const status = batch.endedAt !== undefined ? "ended" : isCanceling ? "canceling" : "in_progress";
    return {
      id: batch.id,
      type: "message_batch",
      processing_status: status,
      request_counts: {
        processing: batch.results ? 0 : batch.requests.length,
        succeeded: count("succeeded"),
        errored: count("errored"),
        canceled: count("canceled"),
        expired: count("expired"),
      },
      created_at: iso(batch.createdAt),
      expires_at: iso(batch.expiresAt),
      ended_at: iso(batch.endedAt),
      cancel_initiated_at: iso(batch.cancelInitiatedAt),
      archived_at: null,
      results_url: batch.endedAt === undefined ? null : `${deps.baseURL()}/v1/messages/batches/${batch.id}/results`,
    };
  }

  function read(id: string, then: (batch: FakeBatch) => BatchReply): BatchReply {
    const batch = batches.get(id);
    if (!batch) return { status: 404, json: errorBody(404, `No batch ${id}.`) };
    settle(batch);
    return then(batch);
  }

  /** Newest first, as the API lists them, paged by after_id; each batch is read (and so processed) first. */
  function list(query: URLSearchParams): BatchReply {
    const limit = Math.min(1000, Math.max(1, Number(query.get("limit") ?? 20)));
    const newestFirst = [...batches.values()].reverse();
    const afterId = query.get("after_id");
    const start = afterId === null ? 0 : newestFirst.findIndex((b) => b.id === afterId) + 1;
    const page = newestFirst.slice(start, start + limit);
    for (const batch of page) settle(batch);
    return {
      status: 200,
      json: {
        data: page.map(view),
        has_more: start + limit < newestFirst.length,
        first_id: page[0]?.id ?? null,
        last_id: page.at(-1)?.id ?? null,
      },
    };
  }

  return {
    create,
    list,
    retrieve: (id: string) => read(id, (batch) => ({ status: 200, json: view(batch) })),
    results: (id: string) =>
      read(id, (batch) => {
        if (!batch.results) return invalid(`Batch ${id} has not ended; its results are not ready.`);
        // The API does not promise request order; neither does the fake, so callers match by custom_id.
        const lines = [...batch.results].sort((a, b) => hashString(a.custom_id) - hashString(b.custom_id));
        return { status: 200, jsonl: lines.map((line) => JSON.stringify(line)).join("\n") + "\n" };
      }),
    cancel: (id: string) =>
      read(id, (batch) => {
        if (batch.endedAt === undefined) batch.cancelInitiatedAt ??= deps.now();
        return { status: 200, json: view(batch) };
      }),
    controls: {
      /** Batches created from now on stay in progress until released. */
      hold: () => void (isHolding = true),
      /** Lets one held batch (or, without an id, every batch, and stops holding new ones) be processed. */
      release(batchId?: string) {
        if (batchId === undefined) isHolding = false;
        for (const batch of batches.values()) if (batchId === undefined || batch.id === batchId) batch.isHeld = false;
      },
      /** Forces how the request with this custom_id ends, in every batch. */
      setOutcome: (customId: string, outcome: FakeBatchOutcome) => void outcomes.set(customId, outcome),
      /** Batches created from now on expire this long after creation (on the fake's clock). */
      expireAfter: (ms: number) => void (expiryMs = ms),
      /** Every batch created, with the requests exactly as sent. */
      created: () => [...batches.values()].map(({ id, requests }) => ({ id, requests })),
      reset() {
        batches.clear();
        outcomes.clear();
        isHolding = false;
        expiryMs = DAY_MS;
      },
    },
  };
}

function errored(status: number, message: string) {
  return { type: "errored", error: errorBody(status, message) };
}

function invalid(message: string): BatchReply {
  return { status: 400, json: errorBody(400, message) };
}
