export { grantCredits, readBalance, type GrantCreditsOptions } from "./grant-credits";
export { reserveCredits, readRunCredits, type ReserveCreditsOptions, type ReserveResult } from "./reserve-credits";
export { settleRun, type RunResult, type SettlementResult } from "./settle-run";
export { releaseReservation } from "./release-reservation";
