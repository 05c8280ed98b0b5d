/** Display helpers shared by server and client components. */
export function usd(micros: number | bigint | null | undefined, digits = 4): string {
  if (micros === null || micros === undefined) return "—";
  const value = Number(micros) / 1_000_000;
  return `${value < 0 ? "−" : ""}$${Math.abs(value).toFixed(digits)}`;
}

export function pct(part: number, whole: number): string {
  return whole === 0 ? "—" : `${((part / whole) * 100).toFixed(1)}%`;
}

export function shortModel(model: string): string {
  return model.replace(/^claude-/, "").replace(/-\d{8}$/, "") || "none";
}

export function dateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return new Date(value).toISOString().replace("T", " ").slice(0, 19);
}

/**
 * One colour per model in every chart, keyed by the short name; tiers and other series draw
 * from palettes that share no colour with the models, so blue is Sonnet and nothing else.
 */
export const MODEL_COLORS: Record<string, string> = {
  "haiku-4-5": "#4caf82",
  "sonnet-4-6": "#3e6fd8",
  "opus-4-7": "#8a4fd1",
  none: "#b0b7c3",
};
/** Complexity tiers, light to dark warm tones in order of difficulty. */
export const TIER_COLORS: Record<string, string> = {
  trivial: "#f2c14e",
  simple: "#e0913a",
  standard: "#c8553d",
  complex: "#8c2f39",
  expert: "#461220",
};
export const SERIES_COLORS = ["#2aa3b5", "#7b8794", "#b38f00", "#d2455b", "#6d4c41", "#00897b", "#c2185b", "#9e9d24"];

/** The colour of a chart series: the model's, else the tier's, else the `i`th of the other palette. */
export function seriesColor(name: string, i: number): string {
  const color = MODEL_COLORS[name] ?? TIER_COLORS[name] ?? SERIES_COLORS[i % SERIES_COLORS.length];
  if (color === undefined) throw new RangeError(`no color for series ${i}`);
  return color;
}
