import { randomUUID } from "node:crypto";
import { agentsEnv, createRedisConnection } from "@switchyard/agents";
import { createPrismaClient, hashPassword } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  attemptSignIn,
  clientAddress,
  type SignInOutcome,
  tooManyAttempts,
  WRONG_CREDENTIALS,
} from "../lib/server/sign-in";
import { SignInGuard } from "../lib/server/sign-in-guard";

const db = createPrismaClient();
const redis = createRedisConnection(agentsEnv().REDIS_URL, { isWorker: false });
afterAll(async () => {
  await db.$disconnect();
  await redis.quit();
});

const PASSWORD = "correct horse battery staple";
let email: string;
beforeAll(async () => {
  email = `limits-${randomUUID().slice(0, 8)}@example.test`;
  await db.user.create({ data: { email, name: "limits", passwordHash: await hashPassword(PASSWORD) } });
});

/** A guard of its own per test (a fresh key prefix), with small limits over a 15-minute window. */
const guardOf = (failuresPerAccount = 3, failuresPerAddress = 5) =>
  new SignInGuard(redis, `test-${randomUUID().slice(0, 8)}`, {
    failuresPerAccount,
    failuresPerAddress,
    windowSeconds: 900,
  });

const isLocked = (o: SignInOutcome) => "error" in o && o.error.startsWith("Too many failed sign-in attempts");
const isSignedIn = (o: SignInOutcome) => "userId" in o && o.userId.length > 0;

describe("sign-in limits", () => {
  it("locks an account after its failures, the right password included, from any address", async () => {
    const guard = guardOf(3);
    const attempt = (password: string, address = "203.0.113.7") =>
      attemptSignIn(db, guard, { email, password, address });
    expect(await attempt("wrong-1")).toEqual({ error: WRONG_CREDENTIALS });
    expect(await attempt("wrong-2")).toEqual({ error: WRONG_CREDENTIALS });
    // The third failure spends the account's allowance: it is told so at once.
    expect(await attempt("wrong-3")).toEqual({ error: tooManyAttempts(900) });
    expect(isLocked(await attempt(PASSWORD))).toBe(true);
    expect(isLocked(await attempt(PASSWORD, "198.51.100.9"))).toBe(true);
  });

  it("answers an email without an account exactly as one with an account, locked or not", async () => {
    const guard = guardOf(2);
    const nobody = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    const answers = async (who: string) => [
      await attemptSignIn(db, guard, { email: who, password: "x", address: "203.0.113.8" }),
      await attemptSignIn(db, guard, { email: who, password: "y", address: "203.0.113.8" }),
      await attemptSignIn(db, guard, { email: who, password: PASSWORD, address: "203.0.113.8" }),
    ];
    const forNobody = await answers(nobody);
    const forSomebody = await answers(email);
    expect(forNobody).toEqual(forSomebody);
    expect(forNobody[1]).toEqual({ error: tooManyAttempts(900) });
  });

  it("locks an address that fails across many accounts, and leaves other addresses alone", async () => {
    const guard = guardOf(3, 4);
    for (let i = 0; i < 4; i++) {
      await attemptSignIn(db, guard, { email: `spray-${i}@example.test`, password: "x", address: "192.0.2.66" });
    }
    expect(await attemptSignIn(db, guard, { email, password: PASSWORD, address: "192.0.2.66" })).toEqual({
      error: tooManyAttempts(900),
    });
    expect(isSignedIn(await attemptSignIn(db, guard, { email, password: PASSWORD, address: "192.0.2.67" }))).toBe(true);
  });

  it("clears an account's failures when it signs in", async () => {
    const guard = guardOf(3);
    const attempt = (password: string) => attemptSignIn(db, guard, { email, password, address: "203.0.113.9" });
    await attempt("wrong-1");
    await attempt("wrong-2");
    expect(isSignedIn(await attempt(PASSWORD))).toBe(true);
    expect(await attempt("wrong-3")).toEqual({ error: WRONG_CREDENTIALS });
    expect(await attempt("wrong-4")).toEqual({ error: WRONG_CREDENTIALS });
  });

  it("reads the address the nearest proxy appended", () => {
    const headers = (h: Record<string, string>) => new Headers(h);
    expect(clientAddress(headers({ "x-forwarded-for": "10.0.0.1, 203.0.113.5" }))).toBe("203.0.113.5");
    expect(clientAddress(headers({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientAddress(headers({}))).toBe("unknown");
  });
});
