import { SwitchyardError } from "../lib/errors";
import { AGENT_ROLES } from "../lib/agent-roles";
import type { ReplayGroup } from "./replay-groups";
import type { ReplayPolicy } from "./replay-policy";
import {
  approvalMoments,
  type CellEstimate,
  cellKey,
  estimateCell,
  estimateMix,
  judgeMoments,
  type MixEstimate,
  type QualityCell,
} from "./replay-quality";
import { replayGroup } from "./route-replay";
import { type CascadeEstimate, cascadeGroup, describeCascade, type GateStats } from "./replay-cascade";
import type { AgentRole } from "../lib/agent-roles";
import { wilsonInterval } from "../quality/statistics";

export interface ReplayMove {
  complexity: string;
  from: string;
  to: string;
  runs: number;
  /** Runs of the move that are billed at batch prices under the policy. */
  batchedRuns: number;
}

export interface ReplayCosts {
  runs: number;
  /** What the runs were charged (generation and judge). */
  actualMicros: number;
  /** The same runs' generations priced under the policy, plus the judge's recorded cost (unchanged). */
  replayedMicros: number;
  /** The recorded all-Sonnet (tenant baseline model) price of the same runs: what the analytics tab compares with. */
  baselineMicros: number;
  judgeMicros: number;
}

export interface ReplayQuality {
  judge: { recorded?: MixEstimate; replayed?: MixEstimate };
  approval: { recorded?: MixEstimate; replayed?: MixEstimate };
}

export interface ReplayRoleResult extends ReplayCosts {
  role: string;
  moves: ReplayMove[];
  quality: ReplayQuality;
  /** The cascade's estimate, when the policy puts the role's cascade on (replayedMicros includes it). */
  cascade?: CascadeEstimate;
}

export interface ReplayResult extends ReplayCosts {
  roles: ReplayRoleResult[];
  /** The cells the recorded and the replayed mixes draw on, with their intervals. */
  cells: CellEstimate[];
  /** Runs whose recorded model or floor the catalog no longer prices: counted at their actual cost on both sides. */
  unpricedRuns: number;
}

const zero = (): Omit<ReplayCosts, "runs"> & { runs: number } => ({
  runs: 0,
  actualMicros: 0,
  replayedMicros: 0,
  baselineMicros: 0,
  judgeMicros: 0,
});

interface RoleAccumulator {
  costs: { runs: number; actual: bigint; replayed: bigint; baseline: bigint; judge: bigint };
  moves: Map<string, ReplayMove>;
  recordedCells: Map<string, number>;
  replayedCells: Map<string, number>;
  cascade: { runs: number; without: bigint; with: bigint; low: bigint; high: bigint };
}

/**
 * Prices every group under the policy and sums per role; estimates each role's quality before and after
 * from the recorded cells. Pure: the database work is done before (loadReplayInputs).
 */
export function computeReplay(
  groups: ReplayGroup[],
  cells: QualityCell[],
  policy: ReplayPolicy,
  gates: GateStats[] = [],
): ReplayResult {
  const byRole = new Map<string, RoleAccumulator>();
  const gateByRole = new Map(gates.map((g) => [g.role, g]));
  let unpricedRuns = 0;
  for (const group of groups) {
    const acc = byRole.get(group.role) ?? newAccumulator();
    byRole.set(group.role, acc);
    let to = group.routed;
    let replayed = group.actualMicros;
    let batchedRuns = 0;
    try {
      const r = replayGroup(group, policy);
      to = r.model;
      replayed = r.generationMicros + group.judgeMicros;
      const gate = policy.cascade[group.role as AgentRole] && gateByRole.get(group.role);
      if (gate) {
        const floor = policy.floors[group.role as AgentRole] ?? group.floor;
        const cascaded = cascadeGroup(group, r, floor, gate, policy.caching);
        if (cascaded.isCascaded) {
          replayed = cascaded.micros + group.judgeMicros;
          acc.cascade.runs += group.runs;
          acc.cascade.without += r.generationMicros;
          acc.cascade.with += cascaded.micros;
          acc.cascade.low += cascaded.lowMicros;
          acc.cascade.high += cascaded.highMicros;
        }
      }
      batchedRuns = r.isBatch ? group.runs : 0;
    } catch (error) {
      if (!(error instanceof SwitchyardError)) throw error;
      unpricedRuns += group.runs;
    }
    acc.costs.runs += group.runs;
    acc.costs.actual += group.actualMicros;
    acc.costs.replayed += replayed;
    acc.costs.baseline += group.baselineMicros;
    acc.costs.judge += group.judgeMicros;
    const moveKey = `${group.complexity}|${group.routed}|${to}`;
    const move = acc.moves.get(moveKey) ?? {
      complexity: group.complexity,
      from: group.routed,
      to,
      runs: 0,
      batchedRuns: 0,
    };
    move.runs += group.runs;
    move.batchedRuns += batchedRuns;
    acc.moves.set(moveKey, move);
    add(acc.recordedCells, cellKey(group.role, group.routed, group.complexity), group.runs);
    add(acc.replayedCells, cellKey(group.role, to, group.complexity), group.runs);
  }
  const cellByKey = new Map(cells.map((c) => [cellKey(c.role, c.model, c.complexity), c]));
  const judge = momentsOf(cellByKey, judgeMoments);
  const approval = momentsOf(cellByKey, approvalMoments);
  const roles = [...byRole.entries()]
    .sort(([a], [b]) => roleOrder(a) - roleOrder(b))
    .map(([role, acc]) => ({
      role,
      ...toCosts(acc.costs),
      moves: [...acc.moves.values()],
      quality: {
        judge: mix(acc, judge),
        approval: mix(acc, approval),
      },
      ...cascadeOf(role, acc, policy, gateByRole.get(role)),
    }));
  const used = new Set(roles.flatMap((r) => r.moves.flatMap((m) => [r.role + "|" + m.from, r.role + "|" + m.to])));
  const shownCells = cells.filter((c) => used.has(`${c.role}|${c.model}`)).map(estimateCell);
  const totals = roles.reduce((t, r) => {
    t.runs += r.runs;
    t.actualMicros += r.actualMicros;
    t.replayedMicros += r.replayedMicros;
    t.baselineMicros += r.baselineMicros;
    t.judgeMicros += r.judgeMicros;
    return t;
  }, zero());
  return { ...totals, roles, cells: shownCells, unpricedRuns };
}

function newAccumulator(): RoleAccumulator {
  return {
    costs: { runs: 0, actual: 0n, replayed: 0n, baseline: 0n, judge: 0n },
    moves: new Map(),
    recordedCells: new Map(),
    replayedCells: new Map(),
    cascade: { runs: 0, without: 0n, with: 0n, low: 0n, high: 0n },
  };
}

/** The role's cascade estimate when the policy turns its cascade on; nothing otherwise. */
function cascadeOf(
  role: string,
  acc: RoleAccumulator,
  policy: ReplayPolicy,
  gate: GateStats | undefined,
): { cascade?: CascadeEstimate } {
  const asked = policy.cascade[role as AgentRole];
  if (!asked) return {};
  const { n, note } = describeCascade(gate, asked.threshold);
  const acceptance = gate && wilsonInterval(gate.passed, gate.n);
  const c = acc.cascade;
  return {
    cascade: {
      threshold: asked.threshold,
      n,
      ...(acceptance && { acceptance }),
      ...(gate?.passedJudgeMean !== undefined && { passedJudgeMean: gate.passedJudgeMean }),
      cascadedRuns: c.runs,
      withoutMicros: Number(c.without),
      withMicros: Number(c.with),
      withLowMicros: Number(c.low),
      withHighMicros: Number(c.high),
      note,
    },
  };
}

function add(map: Map<string, number>, key: string, runs: number) {
  map.set(key, (map.get(key) ?? 0) + runs);
}

function toCosts(c: RoleAccumulator["costs"]): ReplayCosts {
  return {
    runs: c.runs,
    actualMicros: Number(c.actual),
    replayedMicros: Number(c.replayed),
    baselineMicros: Number(c.baseline),
    judgeMicros: Number(c.judge),
  };
}

function momentsOf<M>(cells: Map<string, QualityCell>, f: (c: QualityCell) => M | undefined): Map<string, M> {
  const out = new Map<string, M>();
  for (const [key, cell] of cells) {
    const m = f(cell);
    if (m) out.set(key, m);
  }
  return out;
}

function mix(acc: RoleAccumulator, moments: Parameters<typeof estimateMix>[1]) {
  const recorded = estimateMix(acc.recordedCells, moments);
  const replayed = estimateMix(acc.replayedCells, moments);
  return { ...(recorded && { recorded }), ...(replayed && { replayed }) };
}

function roleOrder(role: string): number {
  const i = (AGENT_ROLES as readonly string[]).indexOf(role);
  return i < 0 ? AGENT_ROLES.length : i;
}
