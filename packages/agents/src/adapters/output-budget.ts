import { approxTokens } from "./prompt-segments";

export interface BudgetedText {
  text: string;
  /** True when the text was cut at the budget: the call stops with max_tokens. */
  isCut: boolean;
}

/**
 * What an offline model writes within `maxTokens`: the whole text when it fits, else its start, cut where
 * the budget runs out (mid-word, as a real max_tokens stop is). Never more tokens than the budget, and
 * never half of a surrogate pair, so the result is always storable text.
 */
export function fitToBudget(text: string, maxTokens: number): BudgetedText {
  if (approxTokens(text) <= maxTokens) return { text, isCut: false };
  let end = Math.max(0, maxTokens) * 4;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), isCut: true };
}

/**
 * The rest of `full` after an assistant prefill. A prefill that is the start of what the model would
 * have written (a previous answer cut at max_tokens, trailing space trimmed) continues exactly where it
 * stopped; any other prefill is followed by the whole answer, after a space.
 */
export function continueAfter(full: string, prefill: string | undefined): string {
  if (prefill === undefined || prefill === "") return full;
  return full.startsWith(prefill) ? full.slice(prefill.length) : ` ${full}`;
}

/** Output tokens an offline model reports: at least one (the end of turn) unless the budget is zero. */
export function outputTokensOf(text: string, maxTokens: number): number {
  return Math.min(maxTokens, Math.max(1, approxTokens(text)));
}
