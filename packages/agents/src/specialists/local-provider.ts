import { z } from "zod";
import { promiseOf } from "../lib/promise-of";
import { type Bm25Options, bm25Scores, DEFAULT_BM25 } from "./local/bm25";
import { extractBriefByRules } from "./local/brief-rules";
import { createMinHasher, DEFAULT_MINHASH, jaccardInto, MINHASH_VERSION, type MinHashOptions } from "./local/minhash";
import { rankByScore } from "./ranking";
import { checkedInput } from "./input";
import {
  ExtractOptionsSchema,
  type SignatureMethod,
  type SpecialistProvider,
  type SpecialistSource,
  TextListSchema,
  TextSchema,
} from "./types";

export interface LocalProviderOptions {
  minHash?: Partial<MinHashOptions>;
  bm25?: Partial<Bm25Options>;
  /** The clock relative dates count from when a call gives no `now`. @defaultValue () => new Date() */
  clock?: () => Date;
}

const LocalOptionsSchema = z.object({
  minHash: z.object({
    permutations: z.number().int().min(16).max(1024),
    shingleSize: z.number().int().min(1).max(8),
    seed: z.number().int(),
  }),
  bm25: z.object({ k1: z.number().min(0).max(10), b: z.number().min(0).max(1) }),
});

/**
 * The three jobs without a network: MinHash Jaccard for similarity, BM25 for ranking, rules and the
 * tenant's product dictionary for extraction. Deterministic, so the same inputs give the same answers in
 * every worker. The model names are built from the parameters, so a result records exactly how it was made.
 */
export function createLocalProvider(options: LocalProviderOptions = {}): SpecialistProvider {
  const settings = checkedInput(
    LocalOptionsSchema,
    { minHash: { ...DEFAULT_MINHASH, ...options.minHash }, bm25: { ...DEFAULT_BM25, ...options.bm25 } },
    "local provider options",
  );
  const clock = options.clock ?? (() => new Date());
  const source = (model: string): SpecialistSource => ({ provider: "local", model });
  const { permutations, shingleSize, seed } = settings.minHash;
  const similarityModel = `minhash-${permutations}-w${shingleSize}`;
  const rankModel = `bm25-k${settings.bm25.k1}-b${settings.bm25.b}`;
  const hasher = createMinHasher(settings.minHash);
  const signatures: SignatureMethod = {
    // The model name leaves the seed out (thresholds are per method, not per seed); a stored signature cannot.
    key: `${similarityModel}/seed-${seed}/${MINHASH_VERSION}`,
    length: permutations,
    source: source(similarityModel),
    signInto: (text, out, offset) => hasher.signInto(checkedInput(TextSchema, text, "text to sign"), out, offset),
    scoreInto(draft, packed, count, scores) {
      if (draft.length !== permutations) throw new RangeError(`a signature of ${draft.length}, not ${permutations}`);
      jaccardInto(draft, packed, count, scores);
    },
  };

  return {
    name: "local",
    signatures,
    similarity(text, candidates) {
      return promiseOf(() => {
        const draft = hasher.signature(checkedInput(TextSchema, text, "similarity text"));
        const pieces = checkedInput(TextListSchema, candidates, "similarity candidates");
        const packed = new Int32Array(permutations * pieces.length);
        pieces.forEach((piece, i) => hasher.signInto(piece, packed, i * permutations));
        const scores = new Float64Array(pieces.length);
        jaccardInto(draft, packed, pieces.length, scores);
        return { scores: Array.from(scores), source: source(similarityModel) };
      });
    },
    rank(query, documents) {
      return promiseOf(() => {
        const docs = checkedInput(TextListSchema, documents, "documents to rank");
        const scores = bm25Scores(checkedInput(TextSchema, query, "ranking query"), docs, settings.bm25);
        return { ranking: rankByScore(scores), source: source(rankModel) };
      });
    },
    extract(text, extractOptions = {}) {
      return promiseOf(() => {
        const { products, now } = checkedInput(ExtractOptionsSchema, extractOptions, "extraction options");
        const brief = checkedInput(TextSchema, text, "brief");
        const fields = extractBriefByRules(brief, { products, now: now ?? clock() });
        return { ...fields, source: source("brief-rules-v1") };
      });
    },
  };
}
