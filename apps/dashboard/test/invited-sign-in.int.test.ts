import { randomUUID } from "node:crypto";
import { acceptInvitation, addPerson, agentsEnv, createRedisConnection } from "@switchyard/agents";
import { createTestTenant } from "@switchyard/agents/testing";
import { createPrismaClient } from "@switchyard/db";
import { afterAll, describe, expect, it } from "vitest";
import { attemptSignIn, WRONG_CREDENTIALS } from "../lib/server/sign-in";
import { SignInGuard } from "../lib/server/sign-in-guard";

const db = createPrismaClient();
const redis = createRedisConnection(agentsEnv().REDIS_URL, { isWorker: false });
afterAll(async () => {
  await db.$disconnect();
  await redis.quit();
});

const guard = () =>
  new SignInGuard(redis, `test-${randomUUID().slice(0, 8)}`, {
    failuresPerAccount: 50,
    failuresPerAddress: 50,
    windowSeconds: 900,
  });

describe("signing in as someone invited", () => {
  it("refuses every password until the link sets one, then signs in with it", async () => {
    const { tenant } = await createTestTenant(db);
    const email = `invited-${randomUUID().slice(0, 8)}@example.test`;
    const { invitation } = await addPerson(
      db,
      { invitationTtlHours: 1 },
      { id: tenant.id },
      { email, name: "Invited", role: "viewer" },
    );
    const address = "203.0.113.7";
    const limits = guard();
    // The sign-in's decoy password among them: an account with no password must not match it.
    for (const password of ["", "no account has this password", "anything at all"])
      expect(await attemptSignIn(db, limits, { email, password, address })).toEqual({ error: WRONG_CREDENTIALS });
    await acceptInvitation(db, { token: invitation?.token, password: "now I have a password" });
    const signedIn = await attemptSignIn(db, limits, { email, password: "now I have a password", address });
    expect(signedIn).toEqual({ userId: (await db.user.findUniqueOrThrow({ where: { email } })).id });
  });
});
