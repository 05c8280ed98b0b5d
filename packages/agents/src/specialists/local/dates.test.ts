import { describe, expect, it } from "vitest";
import { findDates, resolveDateMention } from "./dates";

/** Wednesday 11 February 2026. */
const now = new Date("2026-02-11T09:30:00Z");

describe("findDates", () => {
  it.each([
    { text: "Publish next Friday", expected: [{ text: "next Friday", start: "2026-02-20" }] },
    { text: "Publish Friday", expected: [{ text: "Friday", start: "2026-02-13" }] },
    { text: "needs to go out by March 3", expected: [{ text: "March 3", start: "2026-03-03" }] },
    { text: "webinar on 14 April 2026", expected: [{ text: "14 April 2026", start: "2026-04-14" }] },
    { text: "send it tomorrow", expected: [{ text: "tomorrow", start: "2026-02-12" }] },
    { text: "in two weeks", expected: [{ text: "in two weeks", start: "2026-02-25" }] },
    { text: "due 2026-04-15", expected: [{ text: "2026-04-15", start: "2026-04-15" }] },
    { text: "January promo", expected: [{ text: "January", start: "2027-01-01", end: "2027-01-31" }] },
    { text: "a post in March", expected: [{ text: "March", start: "2026-03-01", end: "2026-03-31" }] },
    { text: "by the end of the month", expected: [{ text: "end of the month", start: "2026-02-28" }] },
    { text: "Q3 campaign", expected: [{ text: "Q3", start: "2026-07-01", end: "2026-09-30" }] },
    { text: "Q1 recap", expected: [{ text: "Q1", start: "2026-01-01", end: "2026-03-31" }] },
    {
      text: "the third quarter of 2027",
      expected: [{ text: "third quarter of 2027", start: "2027-07-01", end: "2027-09-30" }],
    },
    { text: "ready by end of Q2", expected: [{ text: "end of Q2", start: "2026-06-30", end: "2026-06-30" }] },
    { text: "our Black Friday sale", expected: [{ text: "Black Friday", start: "2026-11-27" }] },
    { text: "Cyber Monday email", expected: [{ text: "Cyber Monday", start: "2026-11-30" }] },
    { text: "ship it this week", expected: [{ text: "this week", start: "2026-02-11", end: "2026-02-15" }] },
    { text: "next week's launch", expected: [{ text: "next week", start: "2026-02-16", end: "2026-02-22" }] },
    {
      text: "from March 2 to March 6",
      expected: [{ text: "March 2 to March 6", start: "2026-03-02", end: "2026-03-06" }],
    },
  ])("$text", ({ text, expected }) => {
    expect(findDates(text, now)).toEqual(expected);
  });

  it.each([
    "Now with single sign-on",
    "Support is open 24/7",
    "Free for 30 days",
    "Our 3 new features",
    "Version 2.0 is faster",
    "Meet at 5pm",
  ])("finds no date in %j", (text) => {
    expect(findDates(text, now)).toEqual([]);
  });

  it("keeps several mentions in order and drops repeats of the same days", () => {
    const dates = findDates("Teaser on March 3, launch March 10, recap on 10 March.", now);
    expect(dates.map((d) => d.start)).toEqual(["2026-03-03", "2026-03-10"]);
  });
});

describe("resolveDateMention", () => {
  it.each([
    { mention: "by next Friday", expected: { text: "next Friday", start: "2026-02-20" } },
    { mention: "Q4", expected: { text: "Q4", start: "2026-10-01", end: "2026-12-31" } },
    { mention: "soon", expected: { text: "soon", start: null } },
  ])("$mention", ({ mention, expected }) => {
    expect(resolveDateMention(mention, now)).toEqual(expected);
  });
});
