import { createHash } from "node:crypto";
import { SwitchyardError } from "../lib/errors";
import type { PromptSegment } from "./prompt-segments";
import type { CacheTtl } from "./types";

export const CACHE_TTL_MS: Record<CacheTtl, number> = { "5m": 5 * 60_000, "1h": 60 * 60_000 };

/** How far back from a breakpoint the API looks for an earlier cache entry, in blocks. */
const LOOKBACK_BLOCKS = 20;
const MAX_BREAKPOINTS = 4;
const SWEEP_FLOOR = 1024;
const SWEEP_EVERY_MS = 60_000;

/** The input tokens of one call, split the way prompt caching bills them. */
export interface CacheSplit {
  /** Tokens after the last cache write or read: billed as plain input. */
  inputTokens: number;
  cacheReadTokens: number;
  /** 5-minute and 1-hour writes together. */
  cacheWriteTokens: number;
  cacheWrite1hTokens: number;
}

/** A request whose breakpoints the API would refuse with a 400. */
export class InvalidCacheBreakpointsError extends SwitchyardError {
  constructor(detail: string) {
    super("invalid_cache_breakpoints", `Invalid cache_control breakpoints: ${detail}.`);
  }
}

const NOTHING_CACHED = { cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0 } as const;

interface Entry {
  expiresAt: number;
  ttlMs: number;
}

/** A block of a request with the prefix that ends at it: its cache key and its tokens. */
interface Prefix {
  index: number;
  key: string;
  tokens: number;
  /** The block's cache_control TTL, when it carries one. */
  ttl?: CacheTtl;
}

/** A prefix whose block carries cache_control. */
interface Breakpoint extends Prefix {
  ttl: CacheTtl;
}

/**
 * Prompt caching as the Messages API documents it, for offline providers. A prefix is cached per model
 * and per exact content, for its TTL after a write; a read refreshes it for its own TTL. Reads look back
 * up to 20 blocks before each breakpoint for the longest live prefix; every later breakpoint whose prefix
 * reaches the model's minimum is then written. A prefix under the minimum is never written, so it is
 * never read: all its tokens stay plain input. The clock is injected so tests expire entries without sleeping.
 */
export class PromptCache {
  private readonly entries = new Map<string, Entry>();
  private nextSweepAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = Date.now) {}

  /** Entries held, live or expired but not yet swept. */
  get size(): number {
    return this.entries.size;
  }

  apply(model: string, minTokens: number, segments: readonly PromptSegment[]): CacheSplit {
    checkBreakpoints(segments);
    const total = segments.reduce((sum, s) => sum + s.tokens, 0);
    if (!segments.some((s) => s.breakpoint)) return { inputTokens: total, ...NOTHING_CACHED };
    const now = this.now();
    this.sweep(now);
    const prefixes = prefixesOf(model, segments);
    const breakpoints = prefixes.flatMap((p) => (p.ttl ? [{ ...p, ttl: p.ttl }] : []));
    const hit = this.longestLiveHit(breakpoints, prefixes, now);
    let covered = 0;
    if (hit !== undefined) {
      hit.entry.expiresAt = now + hit.entry.ttlMs;
      covered = hit.prefix.tokens;
    }
    const cacheReadTokens = covered;
    let writes = 0;
    let writes1h = 0;
    for (const { index, key, tokens, ttl } of breakpoints) {
      if ((hit !== undefined && index <= hit.prefix.index) || tokens < minTokens) continue;
      const written = tokens - covered;
      writes += written;
      if (ttl === "1h") writes1h += written;
      covered = tokens;
      this.entries.set(key, { expiresAt: now + CACHE_TTL_MS[ttl], ttlMs: CACHE_TTL_MS[ttl] });
    }
    return { inputTokens: total - covered, cacheReadTokens, cacheWriteTokens: writes, cacheWrite1hTokens: writes1h };
  }

  /** The longest prefix still live within the lookback of any breakpoint, with its entry. */
  private longestLiveHit(
    breakpoints: readonly Breakpoint[],
    prefixes: readonly Prefix[],
    now: number,
  ): { prefix: Prefix; entry: Entry } | undefined {
    let best: { prefix: Prefix; entry: Entry } | undefined;
    for (const { index } of breakpoints) {
      // From the breakpoint back over at most LOOKBACK_BLOCKS blocks, nearest first.
      for (const prefix of prefixes.slice(Math.max(0, index - LOOKBACK_BLOCKS + 1), index + 1).reverse()) {
        const entry = this.entries.get(prefix.key);
        if (!entry || entry.expiresAt <= now) continue;
        if (best === undefined || prefix.index > best.prefix.index) best = { prefix, entry };
        break;
      }
    }
    return best;
  }

  /**
   * Drops expired entries at most once a minute of clock time, once there are enough to matter, so a
   * long-lived simulated provider holds its live entries plus about a minute of writes, not its history.
   */
  private sweep(now: number): void {
    if (this.entries.size < SWEEP_FLOOR || now < this.nextSweepAt) return;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    this.nextSweepAt = now + SWEEP_EVERY_MS;
  }
}

function checkBreakpoints(segments: readonly PromptSegment[]): void {
  const problem = breakpointProblem(segments);
  if (problem) throw new InvalidCacheBreakpointsError(problem);
}

/** Why the API would refuse these breakpoints (more than four, or a 1h one after a 5m one), if it would. */
export function breakpointProblem(segments: readonly PromptSegment[]): string | undefined {
  const ttls = segments.flatMap((s) => (s.breakpoint ? [s.breakpoint] : []));
  if (ttls.length > MAX_BREAKPOINTS) return `${ttls.length} blocks carry cache_control; at most ${MAX_BREAKPOINTS} may`;
  const first5m = ttls.indexOf("5m");
  if (first5m >= 0 && ttls.slice(first5m).includes("1h")) return "a 1h breakpoint must come before every 5m breakpoint";
  return undefined;
}

/**
 * The prefix ending at each block: a digest per block boundary, chained, so equal keys mean an equal model
 * and an equal prefix, and the tokens up to and including the block; with the block's breakpoint, if any.
 */
function prefixesOf(model: string, segments: readonly PromptSegment[]): Prefix[] {
  let key = createHash("sha256").update(model).digest("hex");
  let tokens = 0;
  return segments.map((s, index) => {
    key = createHash("sha256").update(key).update("\u0001").update(s.key).digest("hex");
    tokens += s.tokens;
    return { index, key, tokens, ttl: s.breakpoint };
  });
}
