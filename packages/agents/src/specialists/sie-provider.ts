import { z } from "zod";
import { DEFAULT_SIE_MODELS, type SpecialistTask } from "./catalog";
import { SpecialistError } from "./errors";
import { checkedInput } from "./input";
import { rankByScore } from "./ranking";
import type { SieClient } from "./sie/client";
import { BRIEF_LABELS, briefFromEntities } from "./sie-brief-mapping";
import { ExtractOptionsSchema, type SpecialistProvider, TextListSchema, TextSchema } from "./types";
import { cosine } from "./vectors";

export interface SieProviderOptions {
  client: SieClient;
  /** SIE model per job. @defaultValue DEFAULT_SIE_MODELS */
  models?: Partial<Record<SpecialistTask, string>>;
  /** Minimum extractor confidence for a span to count (GLiNER's `threshold`). @defaultValue 0.5 */
  extractThreshold?: number;
  /** Texts per encode request; long candidate lists go in several. @defaultValue 64 */
  batchSize?: number;
  /** The clock relative dates count from when a call gives no `now`. */
  clock?: () => Date;
}

const SettingsSchema = z.object({
  extractThreshold: z.number().min(0).max(1).default(0.5),
  batchSize: z.number().int().min(1).max(1024).default(64),
});

/**
 * The three jobs on SIE: cosine of dense embeddings for similarity, a cross-encoder for ranking, a
 * zero-shot extractor for brief fields. Results name the model SIE says answered.
 */
export function createSieProvider(options: SieProviderOptions): SpecialistProvider {
  const { client } = options;
  const models = { ...DEFAULT_SIE_MODELS, ...options.models };
  const settings = checkedInput(SettingsSchema, options, "SIE provider options");
  const clock = options.clock ?? (() => new Date());

  async function embed(texts: readonly string[], signal?: AbortSignal) {
    const vectors: number[][] = [];
    let model = models.encode;
    for (let start = 0; start < texts.length; start += settings.batchSize) {
      const items = texts.slice(start, start + settings.batchSize).map((text) => ({ text }));
      const response = await client.encode(models.encode, { items, params: { output_types: ["dense"] } }, { signal });
      model = response.model;
      for (const item of response.items) {
        if (!item.dense) throw missingDense(models.encode);
        vectors.push(item.dense.values);
      }
    }
    return { vectors, model };
  }

  return {
    name: "sie",
    async embed(texts, call) {
      const list = checkedInput(TextListSchema, texts, "texts to embed");
      if (list.length === 0) return { vectors: [], source: { provider: "sie", model: models.encode } };
      const { vectors, model } = await embed(list, call?.signal);
      return { vectors, source: { provider: "sie", model } };
    },
    async similarity(text, candidates, call) {
      const draft = checkedInput(TextSchema, text, "similarity text");
      const pieces = checkedInput(TextListSchema, candidates, "similarity candidates");
      if (pieces.length === 0) return { scores: [], source: { provider: "sie", model: models.encode } };
      const { vectors, model } = await embed([draft, ...pieces], call?.signal);
      const [draftVector, ...pieceVectors] = vectors;
      if (draftVector === undefined) throw missingDense(models.encode);
      const scores = pieceVectors.map((vector) => cosine(draftVector, vector));
      return { scores, source: { provider: "sie", model } };
    },
    async rank(query, documents, call) {
      const docs = checkedInput(TextListSchema, documents, "documents to rank");
      const source = { provider: "sie" as const, model: models.score };
      if (docs.length === 0) return { ranking: [], source };
      const items = docs.map((text, index) => ({ id: String(index), text }));
      const request = { query: { text: checkedInput(TextSchema, query, "ranking query") }, items };
      const response = await client.score(models.score, request, call);
      const scores = new Array<number>(docs.length).fill(0);
      for (const entry of response.scores) scores[Number(entry.item_id)] = entry.score;
      return { ranking: rankByScore(scores), source: { ...source, model: response.model } };
    },
    async extract(text, extractOptions = {}) {
      const { products, now } = checkedInput(ExtractOptionsSchema, extractOptions, "extraction options");
      const brief = checkedInput(TextSchema, text, "brief");
      const response = await client.extract(
        models.extract,
        {
          items: [{ id: "brief", text: brief }],
          params: { labels: Object.values(BRIEF_LABELS), options: { threshold: settings.extractThreshold } },
        },
        { signal: extractOptions.signal },
      );
      const entities = (response.items[0]?.entities ?? []).filter((e) => e.score >= settings.extractThreshold);
      const fields = briefFromEntities(entities, { products, now: now ?? clock() });
      return { ...fields, source: { provider: "sie", model: response.model } };
    },
  };
}

function missingDense(model: string): SpecialistError {
  return new SpecialistError(
    { kind: "malformed_response", operation: `POST /v1/encode/${model}`, model },
    `SIE answered an encode of ${model} without dense vectors; is it a dense encoder?`,
  );
}
