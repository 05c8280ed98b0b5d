import type { RunStatus } from "@switchyard/db";
import { describe, expect, it } from "vitest";
import { explainUnchanged, IllegalRunTransitionError, RUN_TRANSITIONS, type RunTransition } from "./run-states";

const STATUSES: RunStatus[] = ["queued", "running", "succeeded", "failed", "refused_credits"];
const cases = (Object.keys(RUN_TRANSITIONS) as RunTransition[]).flatMap((t) => STATUSES.map((s) => [t, s] as const));

describe("the run state table", () => {
  it("allows exactly the moves the design names", () => {
    const allowed = Object.fromEntries(
      Object.entries(RUN_TRANSITIONS).map(([t, { from, to }]) => [t, `${from.join("|")} → ${to}`]),
    );
    expect(allowed).toEqual({
      start: "queued|running → running",
      gather: "running → running",
      settle: "running → succeeded",
      requeue: "running → queued",
      fail: "running → failed",
      refuse: "running → refused_credits",
    });
  });

  it.each(cases)("a %s that changed nothing on a %s run is a replay or refused", (transition, current) => {
    const isReplay = RUN_TRANSITIONS[transition].to === current;
    if (isReplay) expect(explainUnchanged("r", transition, current)).toBe("replayed");
    else expect(() => explainUnchanged("r", transition, current)).toThrow(IllegalRunTransitionError);
  });
});
