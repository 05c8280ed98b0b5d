import { describe, expect, it } from "vitest";
import { RouterBreaker, type RouterBreakerOptions } from "./router-breaker";

function breaker(options: Partial<RouterBreakerOptions> = {}) {
  let clock = 0;
  const b = new RouterBreaker({
    p95LimitMs: 1000,
    maxOverheadShare: 0.05,
    coolDownMs: 60_000,
    windowSize: 10,
    minSamples: 5,
    now: () => clock,
    ...options,
  });
  return { b, advance: (ms: number) => (clock += ms) };
}

describe("RouterBreaker", () => {
  it("stays closed while the classifier answers fast and cheaply", () => {
    const { b } = breaker();
    for (let i = 0; i < 30; i++) {
      expect(b.admit()).toEqual({ isAllowed: true, isTrial: false });
      b.recordCall(true, 300);
      b.recordOverhead(0.02);
    }
    expect(b.describe()).toEqual({ state: "closed" });
  });

  it("opens after three failed calls in a row, not after two, and a success in between resets the count", () => {
    const { b } = breaker();
    b.recordCall(false, 10);
    b.recordCall(false, 10);
    b.recordCall(true, 10);
    b.recordCall(false, 10);
    b.recordCall(false, 10);
    expect(b.admit().isAllowed).toBe(true);
    b.recordCall(false, 10);
    const admission = b.admit();
    expect(admission.isAllowed).toBe(false);
    expect(!admission.isAllowed && admission.why).toMatch(/breaker open: 3 failed classifier calls in a row/);
  });

  it("opens when the p95 latency over the window passes the limit, once the window has enough calls", () => {
    const { b } = breaker();
    for (let i = 0; i < 4; i++) b.recordCall(true, 5000);
    // Four slow calls are fewer than minSamples: no verdict yet.
    expect(b.admit().isAllowed).toBe(true);
    b.recordCall(true, 5000);
    const admission = b.admit();
    expect(!admission.isAllowed && admission.why).toMatch(/p95 5000 ms over the last 5 calls is above 1000 ms/);
  });

  it("keeps closed when only one call in twenty is slow (p95 is the 19th of 20)", () => {
    const { b } = breaker({ windowSize: 20 });
    for (let i = 0; i < 19; i++) b.recordCall(true, 100);
    b.recordCall(true, 9000);
    expect(b.describe().state).toBe("closed");
    b.recordCall(true, 9000);
    expect(b.describe().state).toBe("open");
  });

  it("opens when the classifier's mean share of its runs' cost passes the limit", () => {
    const { b } = breaker();
    for (let i = 0; i < 5; i++) b.recordOverhead(0.04);
    expect(b.describe().state).toBe("closed");
    // Mean after two more at 7%: 0.34 / 7 = 4.86%, still within; a third makes 0.41 / 8 = 5.125%.
    b.recordOverhead(0.07);
    b.recordOverhead(0.07);
    expect(b.describe().state).toBe("closed");
    b.recordOverhead(0.07);
    const admission = b.admit();
    expect(!admission.isAllowed && admission.why).toMatch(/5\.1% of its runs' cost on average over the last 8 runs/);
  });

  it("lets one trial call through after the cool-down; its success closes, its failure reopens", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.recordCall(false, 10);
    advance(59_999);
    expect(b.admit().isAllowed).toBe(false);
    advance(1);
    expect(b.admit()).toEqual({ isAllowed: true, isTrial: true });
    const during = b.admit();
    expect(!during.isAllowed && during.why).toMatch(/trial call is in flight/);
    b.recordCall(false, 10);
    expect(b.describe().state).toBe("open");
    advance(60_000);
    expect(b.admit()).toEqual({ isAllowed: true, isTrial: true });
    b.recordCall(true, 100);
    expect(b.describe()).toEqual({ state: "closed" });
    expect(b.admit()).toEqual({ isAllowed: true, isTrial: false });
  });

  it("gives a trial whose outcome never came another chance after a cool-down", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.recordCall(false, 10);
    advance(60_000);
    expect(b.admit().isAllowed).toBe(true);
    advance(60_000);
    expect(b.admit()).toEqual({ isAllowed: true, isTrial: true });
  });
});
