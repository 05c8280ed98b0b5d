import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { SCENARIO_DIR } from "./scenario-report";

/**
 * Gathers the scenarios' figures into artifacts/reliability/report.{md,json}, beside
 * the benchmark report. Exits non-zero when any scenario lost anything.
 */
const files = existsSync(SCENARIO_DIR)
  ? readdirSync(SCENARIO_DIR)
      .filter((f) => f.endsWith(".json"))
      .sort()
  : [];
const scenarios = files.map(
  (f) =>
    JSON.parse(readFileSync(`${SCENARIO_DIR}${f}`, "utf8")) as {
      name: string;
      scale: string;
      when: string;
      tried: object;
      found: object;
      lost: Record<string, number>;
    },
);
const cell = (o: object) =>
  Object.entries(o)
    .map(([k, v]) => `${k}: ${v}`)
    .join("<br>");
const totalLost = scenarios.reduce((sum, s) => sum + Object.values(s.lost).reduce((a, b) => a + b, 0), 0);
const markdown = [
  "# Switchyard reliability report",
  "",
  `${scenarios.length} scenarios; anything lost, double-charged, leaked or left open: **${totalLost}**.`,
  "",
  "| scenario | scale | tried | found | lost (must be 0) |",
  "|---|---|---|---|---|",
  ...scenarios.map((s) => `| ${s.name} | ${s.scale} | ${cell(s.tried)} | ${cell(s.found)} | ${cell(s.lost)} |`),
  "",
].join("\n");
const out = new URL("../../../../artifacts/reliability/", import.meta.url);
writeFileSync(new URL("report.md", out), markdown);
writeFileSync(new URL("report.json", out), JSON.stringify({ totalLost, scenarios }, null, 2));
console.log(markdown);
if (totalLost > 0 || scenarios.length === 0) process.exitCode = 1;
