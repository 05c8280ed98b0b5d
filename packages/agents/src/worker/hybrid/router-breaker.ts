export interface RouterBreakerOptions {
  /** Consecutive failed calls that open the breaker. @defaultValue 3 */
  failureLimit?: number;
  /** The slowest acceptable p95 of the classifier's latency over the window, in ms. */
  p95LimitMs: number;
  /** The largest acceptable mean share of a run's cost that the classifier's call takes (0–1). */
  maxOverheadShare: number;
  /** Calls (latency) and runs (overhead share) the window keeps. @defaultValue 20 */
  windowSize?: number;
  /** Samples a window needs before its p95 or mean share may open the breaker. @defaultValue 5 */
  minSamples?: number;
  /** How long the breaker stays open before one trial call is let through. */
  coolDownMs: number;
  /** @defaultValue Date.now */
  now?: () => number;
}

export type BreakerAdmission = { isAllowed: true; isTrial: boolean } | { isAllowed: false; why: string };

type State = { kind: "closed" } | { kind: "open"; until: number; why: string } | { kind: "trial"; since: number };

/**
 * Drops the hybrid router back to the heuristic when its classifier fails, is slow or costs too much next
 * to the runs it routes. Closed, every close call is classified; opened (by `failureLimit` failures in a
 * row, a p95 latency over the window above `p95LimitMs`, or a mean overhead share above
 * `maxOverheadShare`), none is until `coolDownMs` has passed; then one trial call is let through, and its
 * outcome closes the breaker (with fresh windows) or opens it again.
 *
 * One per worker process, shared by every tenant: failures and latency are the provider's, the same for
 * everyone, so one tenant's failed calls spare the others theirs, and a tenant with few close calls would
 * never gather a p95 of its own. The cost is that a tenant whose runs are cheap next to the classifier can
 * raise the mean overhead share for all; the share is the mix's, as the README says.
 */
export class RouterBreaker {
  private state: State = { kind: "closed" };
  private failures = 0;
  private latencies: number[] = [];
  private shares: number[] = [];
  private readonly failureLimit: number;
  private readonly windowSize: number;
  private readonly minSamples: number;
  private readonly now: () => number;

  constructor(private readonly options: RouterBreakerOptions) {
    this.failureLimit = options.failureLimit ?? 3;
    this.windowSize = options.windowSize ?? 20;
    this.minSamples = options.minSamples ?? 5;
    this.now = options.now ?? Date.now;
  }

  /** Whether the next close call may go to the classifier; when not, why (recorded on the run). */
  admit(): BreakerAdmission {
    const { state } = this;
    if (state.kind === "closed") return { isAllowed: true, isTrial: false };
    // A trial whose outcome never came (its run ended before the call) gives way to another after a cool-down.
    if (state.kind === "trial" && this.now() < state.since + this.options.coolDownMs) {
      return { isAllowed: false, why: "breaker half-open: a trial call is in flight" };
    }
    if (state.kind === "open" && this.now() < state.until)
      return { isAllowed: false, why: `breaker open: ${state.why}` };
    this.state = { kind: "trial", since: this.now() };
    return { isAllowed: true, isTrial: true };
  }

  /** A classifier call's outcome. */
  recordCall(isOk: boolean, latencyMs: number): void {
    if (!isOk) {
      this.failures += 1;
      if (this.state.kind === "trial" || this.failures >= this.failureLimit) {
        this.open(`${this.failures} failed classifier call${this.failures === 1 ? "" : "s"} in a row`);
      }
      return;
    }
    this.failures = 0;
    if (this.state.kind === "trial") this.close();
    push(this.latencies, latencyMs, this.windowSize);
    const p95 = percentile(this.latencies, 0.95);
    if (this.latencies.length >= this.minSamples && p95 > this.options.p95LimitMs) {
      this.open(
        `classifier p95 ${Math.round(p95)} ms over the last ${this.latencies.length} calls is above ${
          this.options.p95LimitMs
        } ms`,
      );
    }
  }

  /** The classifier's cost as a share of the cost of the run it routed (settled). */
  recordOverhead(share: number): void {
    push(this.shares, share, this.windowSize);
    const mean = this.shares.reduce((s, x) => s + x, 0) / this.shares.length;
    if (this.shares.length >= this.minSamples && mean > this.options.maxOverheadShare) {
      this.open(
        `classifier cost ${(mean * 100).toFixed(1)}% of its runs' cost on average over the last ${
          this.shares.length
        } runs, above ${(this.options.maxOverheadShare * 100).toFixed(1)}%`,
      );
    }
  }

  /** For the logs and tests: closed, open (with why) or trial. */
  describe(): { state: State["kind"]; why?: string } {
    return this.state.kind === "open" ? { state: "open", why: this.state.why } : { state: this.state.kind };
  }

  private open(why: string) {
    this.state = { kind: "open", until: this.now() + this.options.coolDownMs, why };
    this.latencies = [];
    this.shares = [];
  }

  private close() {
    this.state = { kind: "closed" };
    this.latencies = [];
    this.shares = [];
  }
}

function push(window: number[], value: number, size: number) {
  window.push(value);
  if (window.length > size) window.shift();
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}
