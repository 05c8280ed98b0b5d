import { describe, expect, it } from "vitest";
import { createLocalProvider } from "../specialists";
import { exampleText } from "./choose-examples";
import { TEST_POOL, themeOf } from "../../test/fixtures/example-pool";
import { buildTopicSets } from "./topic-sets";

const ranker = createLocalProvider();
const texts = TEST_POOL.map(exampleText);

describe("topic sets", () => {
  it("groups a pool by theme into sets of three, every piece placed once, each set in pool order", async () => {
    const sets = await buildTopicSets(texts, ranker, 3);
    expect(sets).toHaveLength(5);
    expect(sets.flat().sort((a, b) => a - b)).toEqual(TEST_POOL.map((_, i) => i));
    for (const set of sets) {
      expect(set).toEqual([...set].sort((a, b) => a - b));
      expect(new Set(set.map((i) => themeOf(TEST_POOL[i]?.id ?? "")))).toHaveProperty("size", 1);
    }
    // Set 0 holds the newest piece. The origin posts share no words (Ethiopia, Colombia, Guatemala): pieces
    // that resemble nothing end up together, instead of each taking two pieces from a real topic.
    expect(sets[0]).toContain(0);
  });

  it("fills a short last set from the other sets, so every set shows the full count", async () => {
    const sets = await buildTopicSets(texts.slice(0, 7), ranker, 3);
    expect(sets).toHaveLength(3);
    for (const set of sets) expect(new Set(set).size).toBe(3);
  });

  it("is one set of everything when the pool holds no more than one set, without asking the ranker", async () => {
    const refusing = { rank: () => Promise.reject(new Error("not needed")) };
    expect(await buildTopicSets(texts.slice(0, 2), refusing, 3)).toEqual([[0, 1]]);
    expect(await buildTopicSets([], refusing, 3)).toEqual([]);
  });

  it("gives the same sets every time for the same pool", async () => {
    expect(await buildTopicSets(texts, ranker, 3)).toEqual(await buildTopicSets(texts, ranker, 3));
  });
});
