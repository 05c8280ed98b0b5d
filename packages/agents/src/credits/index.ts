export { grantCredits, readBalance, type GrantCreditsOptions } from "./grant-credits";
export { reserveCredits, readRunCredits, type ReserveCreditsOptions, type ReserveResult } from "../runs/start-attempt";
export { settleRun, type RunResult, type SettlementResult } from "../runs/settle-run";
export { releaseReservation } from "../runs/release-reservation";
