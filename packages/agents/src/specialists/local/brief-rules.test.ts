import { describe, expect, it } from "vitest";
import { findAnalysisCues } from "./analysis-cues";
import { findAudience } from "./audience";
import { extractBriefByRules } from "./brief-rules";
import { findCallsToAction } from "./calls-to-action";
import { findProducts } from "./products";

const dictionary = ["Acme Ledger", "Acme Ledger Pro", "Saturday Clinic", "Kettle & Co Subscription", "X-Ray Kit"];

describe("findProducts", () => {
  it.each([
    { text: "Compare Acme Ledger and Acme Ledger Pro", expected: ["Acme Ledger", "Acme Ledger Pro"] },
    { text: "acme ledger pro pricing", expected: ["Acme Ledger Pro"] },
    { text: "Acme   Ledger's new reports", expected: ["Acme Ledger"] },
    { text: "The Kettle & Co Subscription box", expected: ["Kettle & Co Subscription"] },
    { text: "our x ray kit", expected: ["X-Ray Kit"] },
    { text: "Acme Ledgers are not a product", expected: [] },
    { text: "Saturday clinic, Acme Ledger, then Acme Ledger again", expected: ["Saturday Clinic", "Acme Ledger"] },
    { text: "nothing here", expected: [] },
  ])("$text", ({ text, expected }) => {
    expect(findProducts(text, dictionary)).toEqual(expected);
  });

  it("finds nothing without a dictionary", () => {
    expect(findProducts("Acme Ledger", [])).toEqual([]);
  });
});

describe("findAudience", () => {
  it.each([
    { text: "A post for small business owners.", expected: ["small business owners"] },
    { text: "Aimed at CFOs at mid-size firms", expected: ["cfos"] },
    { text: "Email to existing customers about pricing", expected: ["existing customers"] },
    { text: "Audience: new parents. Keep it warm.", expected: ["new parents"] },
    { text: "Target our HR managers and recruiters", expected: ["hr managers"] },
    { text: "For Q3, for our launch, for 30 days", expected: [] },
    { text: "For founders; later a version for investors", expected: ["founders", "investors"] },
  ])("$text", ({ text, expected }) => {
    expect(findAudience(text)).toEqual(expected);
  });
});

describe("findCallsToAction", () => {
  it.each([
    { text: "End with a call to start a free trial.", expected: ["start a free trial"] },
    { text: "CTA: book a demo", expected: ["book a demo"] },
    { text: "Drive sign-ups, then ask them to subscribe", expected: ["sign up", "subscribe"] },
    { text: "Ask people to pre-order for Saturday", expected: ["order"] },
    { text: "Order by February 12 for delivery", expected: ["order"] },
    { text: "In order to explain, list orders shipped", expected: [] },
    { text: "Include a button to book online", expected: ["book"] },
    { text: "try Tallyho CRM free for 30 days", expected: ["start a free trial"] },
    { text: "get in touch for wholesale pricing", expected: ["contact us"] },
    { text: "Warm and personal, no offers", expected: [] },
  ])("$text", ({ text, expected }) => {
    expect(findCallsToAction(text)).toEqual(expected);
  });
});

describe("findAnalysisCues", () => {
  it.each([
    { text: "Blog post comparing the two plans", needsAnalysis: true, cues: ["comparing"] },
    { text: "Explain why churn rose, with data", needsAnalysis: true, cues: ["why", "data"] },
    { text: "the trade-offs and a forecast", needsAnalysis: true, cues: ["trade-offs", "forecast"] },
    { text: "Commuter 3 versus Trail X", needsAnalysis: true, cues: ["versus"] },
    { text: "Don't compare us with the big suites", needsAnalysis: false, cues: [] },
    { text: "No need to analyse anything, skip the data", needsAnalysis: false, cues: [] },
    { text: "Audience: data analysts", needsAnalysis: false, cues: [] },
    { text: "A playful Instagram post", needsAnalysis: false, cues: [] },
  ])("$text", ({ text, needsAnalysis, cues }) => {
    expect(findAnalysisCues(text)).toEqual({ needsAnalysis, cues });
  });
});

describe("extractBriefByRules", () => {
  it("keeps date words inside product names out of the dates", () => {
    const now = new Date("2026-02-11T09:00:00Z");
    const brief = "Post about our Saturday Clinic for nervous patients, going live tomorrow. Book online.";
    expect(extractBriefByRules(brief, { products: dictionary, now })).toEqual({
      products: ["Saturday Clinic"],
      dates: [{ text: "tomorrow", start: "2026-02-12" }],
      audience: ["nervous patients"],
      callsToAction: ["book"],
      needsAnalysis: false,
      analysisCues: [],
    });
  });
});
