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

export const MODEL_COLORS: Record<string, string> = {
  "haiku-4-5": "#4caf82",
  "sonnet-4-6": "#3e6fd8",
  "opus-4-7": "#8a4fd1",
  none: "#b0b7c3",
};
export const SERIES_COLORS = ["#3e6fd8", "#4caf82", "#8a4fd1", "#e0913a", "#d2455b", "#2aa3b5", "#7b8794", "#b38f00"];
