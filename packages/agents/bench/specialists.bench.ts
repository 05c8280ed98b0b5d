import { fileURLToPath } from "node:url";
import { generateProse } from "../src/adapters/simulated-prose";
import { createLocalProvider, createSpecialists, loadBriefs } from "../src/specialists";
import { startFakeSie } from "../test/fake-sie/server";
import { TEST_POOL } from "../test/fixtures/example-pool";
import { nowMs, round, summarize } from "./stats";

const briefsFile = fileURLToPath(new URL("../test/fixtures/specialists/briefs.json", import.meta.url));

/** p50 and p95 of `calls` sequential calls of `fn` (the i-th call gets i), after two warm-up calls. */
async function time(calls: number, fn: (i: number) => unknown) {
  for (let i = 0; i < 2; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = nowMs();
    await fn(i);
    samples.push(nowMs() - started);
  }
  const s = summarize(samples);
  return { calls: s.n, p50Ms: round(s.p50, 3), p95Ms: round(s.p95, 3) };
}

/**
 * One call of each specialist job as the pipeline makes it, on the offline provider and on the fake SIE through
 * the real HTTP client:
 * - encode: one 800-word draft (SIE: `/v1/encode`, a vector; offline: its MinHash signature);
 * - score: a brief against the 15 pieces of an example pool (SIE: `/v1/score`; offline: BM25);
 * - extract: one labelled brief (SIE: `/v1/extract`; offline: rules and the tenant's product list).
 * The fake's figures are the client's and loopback HTTP's cost around a stand-in, not a model's latency.
 */
export async function benchSpecialistCalls(calls: number) {
  const drafts = Array.from({ length: 8 }, (_, seed) =>
    generateProse({ shape: "article", topic: `Draft ${seed}`, words: 800, seed }),
  );
  const briefs = await loadBriefs(briefsFile);
  const pool = TEST_POOL.map((p) => `${p.title}\n${p.body}`);
  const local = createLocalProvider();
  const fake = await startFakeSie();
  try {
    const sie = createSpecialists({ sieUrl: fake.baseUrl, maxRetries: 0 });
    const pick = <T>(list: T[], i: number) => list[i % list.length]!;
    const extractOf = (provider: typeof local) => (i: number) => {
      const brief = pick(briefs, i);
      return provider.extract(brief.text, { products: brief.products, now: new Date(brief.now) });
    };
    const signatures = local.signatures!;
    const signature = new Int32Array(signatures.length);
    const [sieEncode, sieScore, sieExtract] = [
      await time(calls, (i) => sie.embed!([pick(drafts, i)])),
      await time(calls, (i) => sie.rank(pick(briefs, i).text, pool)),
      await time(calls, extractOf(sie)),
    ];
    const [localEncode, localScore, localExtract] = [
      await time(calls, (i) => signatures.signInto(pick(drafts, i), signature, 0)),
      await time(calls, (i) => local.rank(pick(briefs, i).text, pool)),
      await time(calls, extractOf(local)),
    ];
    const [encodeModel, scoreModel, extractModel] = [
      (await sie.embed!(["x"])).source.model,
      (await sie.rank("x", ["x"])).source.model,
      (await sie.extract("x")).source.model,
    ];
    return {
      offline: {
        encode: { model: signatures.source.model, ...localEncode },
        score: { model: (await local.rank("x", ["x"])).source.model, ...localScore },
        extract: { model: (await local.extract("x")).source.model, ...localExtract },
      },
      fakeSie: {
        encode: { model: encodeModel, ...sieEncode },
        score: { model: scoreModel, ...sieScore },
        extract: { model: extractModel, ...sieExtract },
      },
    };
  } finally {
    await fake.close();
  }
}
