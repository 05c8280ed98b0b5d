/** Rows as aligned columns under a header, for people reading a terminal (and `awk` reading it after them). */
export function textTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  return [header, ...rows].map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

export const isoMinute = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "—");
