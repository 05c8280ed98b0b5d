import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** `pnpm test:reliability` sets RELIABILITY=full (the sizes); the normal test run uses the short sizes. */
export const isFullScale = process.env.RELIABILITY === "full";

/** Picks the short or the full size of a scenario. */
export function scale<T>(short: T, full: T): T {
  return isFullScale ? full : short;
}

export const SCENARIO_DIR = fileURLToPath(new URL("../../../../artifacts/reliability/scenarios/", import.meta.url));

export interface ScenarioFigures {
  /** What the scenario did, e.g. { jobs: 1000, faultsInjected: 312 }. */
  tried: Record<string, number | string>;
  /** What came out, e.g. { succeeded: 990, failed: 10 }. */
  found: Record<string, number | string>;
  /** Anything lost, double-charged, leaked or left open: every value must be zero. */
  lost: Record<string, number>;
}

/** Prints a scenario's figures and keeps them for the report (`write-report.ts`). */
export function recordScenario(name: string, figures: ScenarioFigures): void {
  mkdirSync(SCENARIO_DIR, { recursive: true });
  const entry = { name, scale: isFullScale ? "full" : "short", when: new Date().toISOString(), ...figures };
  writeFileSync(
    `${SCENARIO_DIR}${name.replace(/[^a-z0-9-]+/gi, "-").toLowerCase()}.json`,
    JSON.stringify(entry, null, 2),
  );
  const line = (o: object) =>
    Object.entries(o)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ");
  console.log(
    `[reliability] ${name}\n  tried: ${line(figures.tried)}\n  found: ${line(figures.found)}\n` +
      `  lost:  ${line(figures.lost)}`,
  );
}
