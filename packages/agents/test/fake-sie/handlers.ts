import { z } from "zod";
import { hashedNgramVector } from "./hashed-ngrams";
import { FAKE_MODELS, type FakeTask } from "./models";
import { overlapScore } from "./overlap-score";
import { ruleEntities } from "./rule-entities";

/** An answer before it is written: status and JSON body. */
export interface FakeAnswer {
  status: number;
  body: unknown;
}

const Item = z.object({ id: z.string().nullish(), text: z.string().nullish() });
const EncodeBody = z.object({ items: z.array(Item).min(1) });
const ScoreBody = z.object({ query: Item, items: z.array(Item).min(1) });
const ExtractBody = z.object({
  items: z.array(Item).min(1),
  params: z.object({ labels: z.array(z.string()).nullish() }).nullish(),
});
const EmbeddingsBody = z.object({
  model: z.string(),
  input: z.union([z.string(), z.array(z.string())]),
  encoding_format: z.enum(["float", "base64"]).nullish(),
});

export function answer(task: FakeTask | "embeddings", model: string, body: unknown): FakeAnswer {
  const spec = FAKE_MODELS[model];
  if (!spec) return notFound(task, model);
  if (task !== "embeddings" && !spec.tasks.includes(task)) {
    return detail(400, "INVALID_INPUT", `Model '${model}' does not support ${task}`);
  }
  switch (task) {
    case "encode":
      return validated(EncodeBody, body, (b) => encode(model, spec.dims ?? 0, b));
    case "score":
      return validated(ScoreBody, body, (b) => score(model, b));
    case "extract":
      return validated(ExtractBody, body, (b) => extract(model, b));
    case "embeddings":
      if (!spec.dims) return detail(400, "INVALID_INPUT", `Model '${model}' does not produce embeddings`);
      return validated(EmbeddingsBody, body, (b) => embeddings(model, spec.dims ?? 0, b));
  }
}

function encode(model: string, dims: number, body: z.infer<typeof EncodeBody>) {
  const items = body.items.map((item) => ({
    ...(item.id ? { id: item.id } : {}),
    dense: { dims, dtype: "float32", values: hashedNgramVector(item.text ?? "", dims) },
  }));
  return { model, items, timing: { total_ms: 1, queue_ms: 0, tokenization_ms: 0, inference_ms: 1 } };
}

function score(model: string, body: z.infer<typeof ScoreBody>) {
  const scored = body.items.map((item, i) => ({
    item_id: item.id ?? `item-${i}`,
    score: overlapScore(body.query.text ?? "", item.text ?? ""),
  }));
  scored.sort((a, b) => b.score - a.score);
  return { model, query_id: body.query.id ?? null, scores: scored.map((s, rank) => ({ ...s, rank })) };
}

function extract(model: string, body: z.infer<typeof ExtractBody>) {
  const labels = body.params?.labels ?? [];
  const items = body.items.map((item, i) => ({
    id: item.id ?? `item-${i}`,
    entities: ruleEntities(item.text ?? "", labels),
    relations: [],
    classifications: [],
    data: {},
  }));
  return { model, items };
}

function embeddings(model: string, dims: number, body: z.infer<typeof EmbeddingsBody>) {
  const inputs = typeof body.input === "string" ? [body.input] : body.input;
  const tokens = inputs.reduce((n, text) => n + text.split(/\s+/).filter(Boolean).length, 0);
  return {
    object: "list",
    data: inputs.map((text, index) => {
      const vector = hashedNgramVector(text, dims);
      const embedding = body.encoding_format === "base64" ? float32Base64(vector) : vector;
      return { object: "embedding", embedding, index };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

function float32Base64(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((x, i) => bytes.writeFloatLE(x, i * 4));
  return bytes.toString("base64");
}

function validated<S extends z.ZodType>(schema: S, body: unknown, run: (b: z.output<S>) => unknown): FakeAnswer {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { status: 200, body: run(parsed.data) };
  // FastAPI's 422 shape.
  const issues = parsed.error.issues.map((i) => ({
    loc: ["body", ...i.path.map(String)],
    msg: i.message,
    type: i.code,
  }));
  return { status: 422, body: { detail: issues } };
}

/** SIE's two 404 envelopes: the native endpoints' and the OpenAI-compatible one's. */
function notFound(task: FakeTask | "embeddings", model: string): FakeAnswer {
  const message = `Model '${model}' not found`;
  if (task === "embeddings") {
    const error = { code: "model_not_found", message, type: "invalid_request_error" };
    return { status: 404, body: { detail: { error } } };
  }
  return detail(404, "MODEL_NOT_FOUND", message);
}

export function detail(status: number, code: string, message: string): FakeAnswer {
  return { status, body: { detail: { code, message } } };
}
