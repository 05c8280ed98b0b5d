import type { BriefExtraction } from "../types";
import { findAnalysisCues } from "./analysis-cues";
import { findAudience } from "./audience";
import { findCallsToAction } from "./calls-to-action";
import { findDates } from "./dates";
import { findProductSpans } from "./products";

/**
 * Every brief field by rules and dictionaries: the offline extractor. Product names are blanked out
 * before the date search, since names often contain date words ("Saturday Clinic", "Spring Menu").
 */
export function extractBriefByRules(
  text: string,
  options: { products: readonly string[]; now: Date },
): Omit<BriefExtraction, "source"> {
  const analysis = findAnalysisCues(text);
  const productSpans = findProductSpans(text, options.products);
  const withoutProducts = productSpans.reduce(
    (masked, span) => masked.slice(0, span.start) + " ".repeat(span.end - span.start) + masked.slice(span.end),
    text,
  );
  return {
    products: [...new Set(productSpans.map((span) => span.name))],
    dates: findDates(withoutProducts, options.now),
    audience: findAudience(text),
    callsToAction: findCallsToAction(text),
    needsAnalysis: analysis.needsAnalysis,
    analysisCues: analysis.cues,
  };
}
