import "server-only";
import { createHash } from "node:crypto";
import type { createRedisConnection } from "@switchyard/agents";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterRes } from "rate-limiter-flexible";

export interface SignInLimits {
  /** Failed attempts on one account within the window before it is locked for the rest of the window. */
  failuresPerAccount: number;
  /** Failed attempts from one address (on any accounts, known or not) within the window. */
  failuresPerAddress: number;
  windowSeconds: number;
}

export type SignInVerdict = { isLimited: false } | { isLimited: true; retryAfterSeconds: number };

/**
 * Counts failed sign-ins per account and per address in Redis, so every dashboard process shares the counts
 * (rate-limiter-flexible; this process's memory stands in while Redis is away). Only failures count, for an
 * email with an account or without one alike, so a locked answer says nothing about whether the account
 * exists; a success clears its account's count. Emails are kept as SHA-256 digests, never in clear.
 */
export class SignInGuard {
  private readonly account: RateLimiterRedis;
  private readonly address: RateLimiterRedis;

  constructor(redis: ReturnType<typeof createRedisConnection>, keyPrefix: string, limits: SignInLimits) {
    const make = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${keyPrefix}:sign-in-${name}`,
        points,
        duration: limits.windowSeconds,
        insuranceLimiter: new RateLimiterMemory({ points, duration: limits.windowSeconds }),
      });
    this.account = make("account", limits.failuresPerAccount);
    this.address = make("address", limits.failuresPerAddress);
  }

  /** Whether the account or the address has used up its failures for the window. */
  async check(email: string, address: string): Promise<SignInVerdict> {
    const [byAccount, byAddress] = await Promise.all([this.account.get(accountKey(email)), this.address.get(address)]);
    return verdict([
      [byAccount, this.account.points],
      [byAddress, this.address.points],
    ]);
  }

  /** Counts a failed attempt against both; the verdict says whether the next attempt is refused. */
  async recordFailure(email: string, address: string): Promise<SignInVerdict> {
    const [byAccount, byAddress] = await Promise.all([
      this.account.consume(accountKey(email)).catch(rejected),
      this.address.consume(address).catch(rejected),
    ]);
    return verdict([
      [byAccount, this.account.points],
      [byAddress, this.address.points],
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.account.delete(accountKey(email));
  }
}

function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/** consume() rejects with the counter once past the points; any other rejection is a real error. */
function rejected(reason: unknown): RateLimiterRes {
  if (reason instanceof Error) throw reason;
  return reason as RateLimiterRes;
}

function verdict(counts: [RateLimiterRes | null, number][]): SignInVerdict {
  const spent = counts.filter(([res, points]) => res !== null && res.consumedPoints >= points);
  if (spent.length === 0) return { isLimited: false };
  const waitMs = Math.max(...spent.map(([res]) => res?.msBeforeNext ?? 0));
  return { isLimited: true, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
