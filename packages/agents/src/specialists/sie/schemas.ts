/**
 * Request and response shapes of the Superlinked Inference Engine, modelled on its OpenAPI document:
 *   superlinked/sie, packages/sie_server/openapi.json (release v0.3.1, commit 8634c1b7bf8088f6c242f309f7f472df74b9d026)
 * Schema names follow the document's components (EncodeRequestModel → SieEncodeRequestSchema, …).
 *
 * Deliberate narrowing: ItemModel also takes `images` and `document` as raw bytes, which only travel over
 * msgpack; this client speaks JSON (`Accept: application/json`), so items carry text, id and metadata only.
 * Objects are open (unknown keys stripped) except where the document says `additionalProperties: false`.
 */
import { z } from "zod";

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const SieItemSchema = z.object({
  id: nullable(z.string()),
  text: nullable(z.string()),
  metadata: nullable(z.record(z.string(), z.unknown())),
});
export type SieItem = z.infer<typeof SieItemSchema>;

export const SieEncodeParamsSchema = z.object({
  output_types: nullable(z.array(z.enum(["dense", "sparse", "multivector"]))),
  instruction: nullable(z.string()),
  output_dtype: nullable(z.enum(["float32", "float16", "int8", "binary"])),
  /** Runtime options; SIE reads `is_query` and `profile` from here. */
  options: nullable(z.record(z.string(), z.unknown())),
});

export const SieEncodeRequestSchema = z.object({
  items: z.array(SieItemSchema).min(1),
  params: nullable(SieEncodeParamsSchema),
});
export type SieEncodeRequest = z.input<typeof SieEncodeRequestSchema>;

export const SieScoreRequestSchema = z.object({
  query: SieItemSchema,
  items: z.array(SieItemSchema).min(1),
  instruction: nullable(z.string()),
});
export type SieScoreRequest = z.input<typeof SieScoreRequestSchema>;

export const SieExtractParamsSchema = z.object({
  labels: nullable(z.array(z.string())),
  output_schema: nullable(z.record(z.string(), z.unknown())),
  instruction: nullable(z.string()),
  /** Adapter options; GLiNER reads `threshold`, `flat_ner`, `multi_label`. */
  options: nullable(z.record(z.string(), z.unknown())),
});

export const SieExtractRequestSchema = z.object({
  items: z.array(SieItemSchema).min(1),
  params: nullable(SieExtractParamsSchema),
});
export type SieExtractRequest = z.input<typeof SieExtractRequestSchema>;

export const SieEmbeddingsRequestSchema = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()), z.array(z.number().int()), z.array(z.array(z.number().int()))]),
  encoding_format: nullable(z.enum(["float", "base64"])),
  /** The document: "not supported by SIE, ignored". Kept so OpenAI-shaped callers validate. */
  dimensions: nullable(z.number().int()),
  user: nullable(z.string()),
});
export type SieEmbeddingsRequest = z.input<typeof SieEmbeddingsRequestSchema>;

const VectorDtype = z.enum(["float32", "float16", "int8", "uint8", "binary"]);

export const SieDenseVectorSchema = z
  .object({ dims: z.number().int(), dtype: VectorDtype, values: z.array(z.number()) })
  .refine((v) => v.values.length === v.dims, { message: "dense vector length differs from its dims" });

export const SieSparseVectorSchema = z.object({
  dims: nullable(z.number().int()),
  dtype: z.enum(["float32", "float16"]),
  indices: z.array(z.number().int()),
  values: z.array(z.number()),
});

export const SieMultiVectorSchema = z.object({
  token_dims: z.number().int(),
  num_tokens: z.number().int(),
  dtype: VectorDtype,
  values: z.array(z.array(z.number())),
});

export const SieTimingInfoSchema = z.object({
  total_ms: z.number(),
  queue_ms: z.number(),
  tokenization_ms: z.number(),
  inference_ms: z.number(),
  postprocessing_ms: nullable(z.number()),
});

export const SieEncodeResponseSchema = z.object({
  model: z.string(),
  items: z.array(
    z.object({
      id: nullable(z.string()),
      dense: nullable(SieDenseVectorSchema),
      sparse: nullable(SieSparseVectorSchema),
      multivector: nullable(SieMultiVectorSchema),
    }),
  ),
  timing: nullable(SieTimingInfoSchema),
});
export type SieEncodeResponse = z.infer<typeof SieEncodeResponseSchema>;

export const SieScoreResponseSchema = z.object({
  model: z.string(),
  query_id: nullable(z.string()),
  /** Sorted by relevance, descending; rank 0 is the most relevant. */
  scores: z.array(z.object({ item_id: z.string(), score: z.number(), rank: z.number().int() })),
});
export type SieScoreResponse = z.infer<typeof SieScoreResponseSchema>;

export const SieEntitySchema = z.object({
  text: z.string(),
  label: z.string(),
  score: z.number(),
  start: nullable(z.number().int()),
  end: nullable(z.number().int()),
  bbox: nullable(z.array(z.number())),
});
export type SieEntity = z.infer<typeof SieEntitySchema>;

export const SieExtractResponseSchema = z.object({
  model: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      entities: z.array(SieEntitySchema).optional(),
      relations: z
        .array(z.object({ head: z.string(), tail: z.string(), relation: z.string(), score: z.number() }))
        .optional(),
      classifications: z.array(z.object({ label: z.string(), score: z.number() })).optional(),
      data: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});
export type SieExtractResponse = z.infer<typeof SieExtractResponseSchema>;

export const SieEmbeddingsResponseSchema = z.strictObject({
  object: z.literal("list").optional(),
  data: z.array(
    z.strictObject({
      object: z.literal("embedding").optional(),
      /** Floats, or base64 of little-endian float32 when `encoding_format` was "base64". */
      embedding: z.union([z.array(z.number()), z.string()]),
      index: z.number().int(),
    }),
  ),
  model: z.string(),
  usage: z.strictObject({ prompt_tokens: z.number().int(), total_tokens: z.number().int() }),
});
export type SieEmbeddingsResponse = z.infer<typeof SieEmbeddingsResponseSchema>;
