import { describe, expect, it } from "vitest";
import { countWords, scoreContent, type ScoreContentInput } from "./score-content";

const words = (n: number, word = "coffee") => Array.from({ length: n }, () => word).join(" ");
const blog = (body: string) => `# A title\n\n## One\n${body}\n\n## Two\ntext\n\n## Three\ntext`;
const base: ScoreContentInput = {
  role: "blog-writer",
  text: "",
  targetWords: 100,
  keywords: [],
  bannedPhrases: [],
  requiredPhrases: [],
};

describe("scoreContent", () => {
  it("gives a well-formed post of the right length a full score", () => {
    const report = scoreContent({ ...base, text: blog(words(90)) });
    expect(report.checks.filter((c) => !c.isPassed)).toEqual([]);
    expect(report.score).toBe(1);
  });

  it("fails a truncated piece outright, with the reason, however well it reads", () => {
    const report = scoreContent({ ...base, text: blog(words(90)), isTruncated: true });
    expect(report.failure).toBe("truncated");
    expect(report.checks.find((c) => c.name === "complete")).toMatchObject({ isPassed: false, detail: /truncated/ });
    expect(report.score).toBeLessThan(0.8);
    expect(scoreContent({ ...base, text: blog(words(90)) }).failure).toBeUndefined();
  });

  it.each([
    ["too short", { text: blog(words(20)) }, "length"],
    ["too long", { text: blog(words(400)) }, "length"],
    ["no title", { text: blog(words(90)).replace("# A title", "A title") }, "title"],
    [
      "a banned phrase",
      { text: blog(words(90) + " game-changer"), bannedPhrases: ["Game-Changer"] },
      "no_banned_phrases",
    ],
    ["a missing required phrase", { text: blog(words(90)), requiredPhrases: ["fresh roast"] }, "required_phrases"],
    ["a placeholder", { text: blog(words(90) + " [insert stat]") }, "no_placeholders"],
    ["missing keywords", { text: blog(words(90)), keywords: ["espresso", "grinder"] }, "keywords"],
  ] as [string, Partial<ScoreContentInput>, string][])("marks down %s", (_name, change, failedCheck) => {
    const report = scoreContent({ ...base, ...change });
    expect(report.checks.find((c) => c.name === failedCheck)?.isPassed).toBe(false);
    expect(report.score).toBeLessThan(1);
    expect(report.score).toBeGreaterThan(0);
  });

  it("wants a subject line on an email and few hashtags on a social post", () => {
    expect(
      scoreContent({ ...base, role: "email-writer", text: words(100) }).checks.find((c) => c.name === "subject_line")
        ?.isPassed,
    ).toBe(false);
    expect(
      scoreContent({ ...base, role: "social-post-writer", text: words(100) + " #a1 #b2 #c3 #d4" }).checks.find(
        (c) => c.name === "hashtags",
      )?.isPassed,
    ).toBe(false);
  });

  it("counts words, not punctuation", () => {
    expect(countWords("Hello, world — it's  2026 !")).toBe(4);
  });
});
