/** Amounts only: grants, hold arithmetic and ledger reads. A run's holds and charges move in runs/. */
export { assertAmount, toMicros } from "./amounts";
export { grantCredits, isUniqueViolation, readBalance, type GrantCreditsOptions } from "./grant-credits";
export { readRunCredits } from "./read-run-credits";
export {
  MAX_CAP_USD,
  readSpendPositions,
  setSpendCaps,
  type SpendCapsInput,
  SpendCapsSchema,
  type SpendPosition,
} from "./spend-caps";
