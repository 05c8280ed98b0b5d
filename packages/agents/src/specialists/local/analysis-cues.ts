/**
 * Whether a brief asks for analysis — reasons, comparisons, data, forecasts — rather than plain copy; the
 * router counts it as `requiresReasoning`. A cue just after a negation ("no need to compare", "skip the
 * data") is not a request, so it does not count.
 */
const CUE = new RegExp(
  "\\b(?:compar(?:e|es|ed|ing|ison|isons)|versus|vs\\.?|analy[sz](?:e|es|ed|ing|is)|analytical|why|" +
    "trade-?offs?|data|data-driven|statistics|stats|forecasts?|forecasting|projections?|predict(?:s|ions?)?|" +
    "benchmarks?|pros and cons|evaluat(?:e|es|ing|ion)|assess(?:es|ing|ment)?|break(?:s)? down|breakdown|" +
    "root cause|what drove|roi|cost-benefit|trends?)\\b",
  "gi",
);
const NEGATION = /\b(?:no|not|without|skip|avoid|don't|dont|do not|never|nor)\b(?:\s+\S+){0,3}\s*$/i;

const DATA_AS_JOB_TITLE = /^\s+(?:analysts?|scientists?|engineers?|teams?|leads?|officers?)\b/i;

export interface AnalysisCues {
  needsAnalysis: boolean;
  cues: string[];
}

export function findAnalysisCues(text: string): AnalysisCues {
  const cues: string[] = [];
  for (const match of text.matchAll(CUE)) {
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    const cue = match[0].toLowerCase();
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 30);
    if (NEGATION.test(before) || cues.includes(cue)) continue;
    // "data analysts", "data teams": the word names people, not a request for figures.
    if (cue === "data" && DATA_AS_JOB_TITLE.test(after)) continue;
    cues.push(cue);
  }
  return { needsAnalysis: cues.length > 0, cues };
}
