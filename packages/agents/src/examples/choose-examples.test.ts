import { describe, expect, it } from "vitest";
import { buildPrompt, systemText } from "../prompts/build-prompt";
import { createLocalProvider } from "../specialists";
import { PromptSettingsSchema, TaskInputSchema } from "../tasks/task-input";
import { type ChooseExamplesInput, chooseExamples, exampleText } from "./choose-examples";
import type { ExamplesMode } from "./examples-mode";
import { TEST_POOL, themeOf } from "../../test/fixtures/example-pool";
import { buildTopicSets } from "./topic-sets";

const ranker = createLocalProvider();

function choose(mode: ExamplesMode, query: string, pool = TEST_POOL, extra: Partial<ChooseExamplesInput> = {}) {
  return chooseExamples({
    mode,
    pool,
    query,
    ranker,
    topicSets: () => buildTopicSets(pool.map(exampleText), ranker, 3),
    ...extra,
  });
}

/** The cached prefix a caption with these examples sends. */
async function prefixFor(mode: ExamplesMode, topic: string) {
  const { examples } = await choose(mode, topic);
  const task = TaskInputSchema.parse({ role: "social-post-writer", topic });
  return systemText(buildPrompt(task, PromptSettingsSchema.parse({ voice: "plain" }), undefined, examples).prefix);
}

describe("choosing examples", () => {
  it("gives similar briefs the same topic set, and so the same prefix byte for byte", async () => {
    const a = await choose("topic_set", "Cold brew recipe for the first hot weekend");
    const b = await choose("topic_set", "How long should cold brew steep? Tips for a smoother concentrate");
    expect(a.record.set).toEqual(b.record.set);
    expect(a.examples.map((e) => themeOf(e.id))).toEqual(["cold-brew", "cold-brew", "cold-brew"]);
    expect(b.examples).toEqual(a.examples);
    expect(await prefixFor("topic_set", "Cold brew recipe for the first hot weekend")).toBe(
      await prefixFor("topic_set", "How long should cold brew steep? Tips for a smoother concentrate"),
    );
  });

  it("gives unrelated briefs different sets, each on its own topic", async () => {
    const brew = await choose("topic_set", "Cold brew recipe for the first hot weekend");
    const machine = await choose("topic_set", "Descaling and backflushing your espresso machine");
    expect(machine.record.set?.index).not.toBe(brew.record.set?.index);
    expect(new Set(machine.examples.map((e) => themeOf(e.id)))).toEqual(new Set(["espresso"]));
  });

  it("records the scores, the fit against the best possible choice and the ranking source", async () => {
    const { record } = await choose("topic_set", "Latte art: pouring a heart and a tulip");
    expect(record).toMatchObject({
      mode: "topic_set",
      pool: TEST_POOL.length,
      source: { provider: "local", model: "bm25-k1.2-b0.75" },
      set: { count: 5 },
    });
    expect(record.examples).toHaveLength(3);
    for (const example of record.examples) expect(example.score).toBeGreaterThan(0);
    expect(record.fit?.chosen).toBeGreaterThan(0);
    expect(record.fit?.chosen).toBeLessThanOrEqual(record.fit?.best ?? 0);
  });

  it("best_fit takes the best-scoring pieces, which may mix themes, and always reaches the best fit", async () => {
    const query = "Cold brew over ice, or an espresso tonic? Two summer drinks";
    const best = await choose("best_fit", query);
    const sets = await choose("topic_set", query);
    expect(best.record.fit?.chosen).toBe(best.record.fit?.best);
    expect(sets.record.fit?.chosen).toBeLessThanOrEqual(best.record.fit?.chosen ?? 0);
    expect(best.record.set).toBeUndefined();
  });

  it("latest shows the newest pieces, oldest first, and ranks nothing", async () => {
    const refusing = { rank: () => Promise.reject(new Error("must not rank")) };
    const { examples, record } = await choose("latest", "anything", TEST_POOL, { ranker: refusing });
    expect(examples.map((e) => e.id)).toEqual([TEST_POOL[2]?.id, TEST_POOL[1]?.id, TEST_POOL[0]?.id]);
    expect(record).toEqual({ mode: "latest", pool: 15, examples: examples.map(({ id, title }) => ({ id, title })) });
  });

  it("shows a tenant's only pieces when it has fewer than three, in every mode", async () => {
    const pool = TEST_POOL.slice(0, 2);
    for (const mode of ["latest", "topic_set", "best_fit"] as const) {
      const { examples, record } = await choose(mode, "Cold brew recipe", pool);
      expect(examples.map((e) => e.id)).toEqual([pool[1]?.id, pool[0]?.id]);
      if (mode !== "latest") expect(record.fit?.chosen).toBe(record.fit?.best);
    }
    expect(await choose("topic_set", "Cold brew", [])).toEqual({
      examples: [],
      record: { mode: "topic_set", pool: 0, examples: [] },
    });
  });

  it("orders the chosen pieces oldest first whatever their scores, the same way every time", async () => {
    for (const mode of ["topic_set", "best_fit"] as const) {
      const query = "Single origin Ethiopia Yirgacheffe and Guatemala Antigua";
      const first = await choose(mode, query);
      const positions = first.examples.map((e) => TEST_POOL.findIndex((p) => p.id === e.id));
      expect(positions).toEqual([...positions].sort((a, b) => b - a));
      expect((await choose(mode, query)).record).toEqual(first.record);
    }
  });

  it("falls back to the newest pieces when ranking fails, and says why", async () => {
    const down = { rank: () => Promise.reject(new Error("SIE unavailable")) };
    const { examples, record } = await choose("topic_set", "Cold brew", TEST_POOL, { ranker: down });
    expect(examples.map((e) => e.id)).toEqual([TEST_POOL[2]?.id, TEST_POOL[1]?.id, TEST_POOL[0]?.id]);
    expect(record.fallback).toBe("ranking failed: SIE unavailable");
    expect(record.fit).toBeUndefined();
  });
});
