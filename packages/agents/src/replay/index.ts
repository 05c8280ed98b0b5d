export {
  computeReplay,
  type ReplayCosts,
  type ReplayMove,
  type ReplayQuality,
  type ReplayResult,
  type ReplayRoleResult,
} from "./compute-replay";
export { loadQualityCells, loadReplayGroups, type ReplayScope } from "./load-replay";
export { priceUsage } from "./price-usage";
export type { ReplayGroup, UsageSums } from "./replay-groups";
export {
  BatchReplaySchema,
  type ReplayPolicy,
  type ReplayPolicyInput,
  ReplayPolicySchema,
  type ReplayRequest,
  ReplayRequestSchema,
  RoutingTableSchema,
  type RoutingTable,
} from "./replay-policy";
export type { CellEstimate, MixEstimate, QualityCell } from "./replay-quality";
export { type ReplayAnswer, replayRuns } from "./replay-runs";
export { replayGroup } from "./route-replay";
export type { CascadeEstimate, GateStats } from "./replay-cascade";
export type { HybridMove, HybridReplay } from "./replay-hybrid";
