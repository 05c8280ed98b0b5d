import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSie, startFakeSie } from "../../../test/fake-sie/server";
import { findSpecialist } from "../catalog";
import { createSpecialists } from "../factory";
import { createLocalProvider } from "../local-provider";
import type { SpecialistProvider } from "../types";
import { type BriefField, evaluateExtraction } from "./evaluate-extraction";
import { evaluateGuard } from "./evaluate-guard";
import { type LabelledBrief, type LabelledPair, loadBriefs, loadNearDuplicatePairs } from "./labelled-sets";

const fixtures = fileURLToPath(new URL("../../../test/fixtures/specialists/", import.meta.url));

let pairs: LabelledPair[];
let briefs: LabelledBrief[];
let fake: FakeSie;
beforeAll(async () => {
  pairs = await loadNearDuplicatePairs(`${fixtures}near-duplicates.json`);
  briefs = await loadBriefs(`${fixtures}briefs.json`);
  fake = await startFakeSie();
});
afterAll(() => fake.close());

/**
 * Floors each provider honestly meets on the labelled sets (measured values in the comments), so a change
 * that makes a provider worse fails here. The fake's extractor is deliberately crude, hence its low floors;
 * they guard the SIE provider's mapping of spans to fields, not a model's quality.
 */
const PROVIDERS: Array<{
  name: string;
  make: () => SpecialistProvider;
  guardF1: number;
  fields: Record<BriefField, number>;
}> = [
  {
    name: "local",
    make: () => createLocalProvider(),
    guardF1: 0.85, // 0.889 at the picked threshold
    // measured 1.000, 0.833, 0.896, 0.979, 1.000 over all 48 briefs
    fields: { products: 0.95, dates: 0.8, audience: 0.85, callsToAction: 0.95, needsAnalysis: 0.95 },
  },
  {
    name: "SIE provider on the fake SIE",
    make: () => createSpecialists({ sieUrl: fake.baseUrl }),
    guardF1: 0.9, // 0.933
    // measured 0.688, 0.646, 0.354, 0.667, 0.896
    fields: { products: 0.65, dates: 0.6, audience: 0.3, callsToAction: 0.6, needsAnalysis: 0.85 },
  },
];

describe("the labelled sets", () => {
  it("are the size the evaluation needs", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(40);
    expect(new Set(pairs.map((p) => p.kind))).toEqual(new Set(["reworded", "same_topic", "unrelated"]));
    expect(briefs.length).toBeGreaterThanOrEqual(30);
  });
});

describe.each(PROVIDERS)("$name on the labelled sets", ({ make, guardF1, fields }) => {
  let extraction: ReturnType<typeof evaluateExtraction> | undefined;
  const extractionOnce = () => (extraction ??= evaluateExtraction(make(), briefs));

  it(`guards near-duplicates with F1 ≥ ${guardF1} at the F1-best threshold`, async () => {
    const { metrics } = await evaluateGuard(make(), pairs);
    expect(metrics.f1).toBeGreaterThanOrEqual(guardF1);
  });

  it.each(Object.entries(fields))("extracts %s with accuracy ≥ %d", async (field, floor) => {
    const { perField } = await extractionOnce();
    expect(perField[field as BriefField].accuracy).toBeGreaterThanOrEqual(floor);
  });
});

describe("the catalog's duplicate threshold for the offline guard", () => {
  it("still meets the guard floor on the labelled pairs", async () => {
    const provider = createLocalProvider();
    const spec = findSpecialist("local", "encode", (await provider.similarity("a", ["a"])).source.model);
    expect(spec?.duplicateThreshold).toBeDefined();
    const { metrics } = await evaluateGuard(provider, pairs, spec?.duplicateThreshold);
    expect(metrics.f1).toBeGreaterThanOrEqual(0.85);
  });
});

describe("a deliberately broken provider", () => {
  const local = createLocalProvider();
  /** Plausible bugs: similarity from lengths alone; extraction that drops the dictionary and the clock. */
  const broken: SpecialistProvider = {
    name: "local",
    similarity(text, candidates) {
      const scores = candidates.map((c) => Math.min(c.length, text.length) / Math.max(c.length, text.length, 1));
      return Promise.resolve({ scores, source: { provider: "local", model: "broken-length-ratio" } });
    },
    rank: (query, documents) => local.rank(query, documents),
    async extract(text) {
      const found = await local.extract(text, { products: [], now: new Date("2020-01-01T00:00:00Z") });
      return { ...found, needsAnalysis: !found.needsAnalysis };
    },
  };

  it("fails the guard floor", async () => {
    const { metrics } = await evaluateGuard(broken, pairs);
    expect(metrics.f1).toBeLessThan(0.85);
  });

  it.each(["products", "dates", "needsAnalysis"] as const)("fails the %s floor", async (field) => {
    const { perField } = await evaluateExtraction(broken, briefs);
    expect(perField[field].accuracy).toBeLessThan(PROVIDERS[0]!.fields[field]);
  });
});
