/**
 * Measures the configured provider on the labelled sets and prints what it found: guard precision, recall
 * and F1 at the F1-best threshold, and extraction accuracy per field, for the dev and holdout briefs.
 * With SIE_URL set it measures the live SIE, which is how an SIE model's duplicate threshold is calibrated.
 *
 *   pnpm --filter @switchyard/agents exec tsx src/specialists/eval/print-report.ts
 */
import { fileURLToPath } from "node:url";
import { parseSpecialistsEnv, specialistsOptionsFromEnv } from "../env";
import { createSpecialists } from "../factory";
import { BRIEF_FIELDS, evaluateExtraction } from "./evaluate-extraction";
import { evaluateGuard } from "./evaluate-guard";
import { loadBriefs, loadNearDuplicatePairs } from "./labelled-sets";

const fixtures = fileURLToPath(new URL("../../../test/fixtures/specialists/", import.meta.url));
const provider = createSpecialists(specialistsOptionsFromEnv(parseSpecialistsEnv()));
const pairs = await loadNearDuplicatePairs(`${fixtures}near-duplicates.json`);
const briefs = await loadBriefs(`${fixtures}briefs.json`);

const guard = await evaluateGuard(provider, pairs);
const m = guard.metrics;
const { provider: guardProvider, model: guardModel } = guard.source;
console.log(`Near-duplicate guard — ${guardProvider} ${guardModel}, n = ${pairs.length} labelled pairs`);
console.log(
  `  threshold ${m.threshold.toFixed(4)}  precision ${m.precision.toFixed(3)}  recall ${m.recall.toFixed(3)}  ` +
    `F1 ${m.f1.toFixed(3)}  (TP ${m.truePositives}, FP ${m.falsePositives}, FN ${m.falseNegatives})`,
);

for (const split of ["dev", "holdout", undefined] as const) {
  const subset = briefs.filter((brief) => split === undefined || brief.split === split);
  const result = await evaluateExtraction(provider, subset);
  const label = split ?? "all";
  console.log(`Brief extraction (${label}) — ${result.source.provider} ${result.source.model}, n = ${subset.length}`);
  for (const field of BRIEF_FIELDS) {
    const { correct, total, accuracy } = result.perField[field];
    console.log(`  ${field.padEnd(14)} ${accuracy.toFixed(3)}  (${correct}/${total})`);
  }
}
