import "server-only";
import { type AgentQueues, agentsEnv, createAgentQueues, createRedisConnection } from "@switchyard/agents";
import { prisma } from "@switchyard/db";
import { dashboardEnv } from "./env";
import { SignInGuard } from "./sign-in-guard";

/** Producer-side queues, created once per server process (and kept across dev hot reloads). */
const globalForQueues = globalThis as unknown as { switchyardQueues?: AgentQueues };

export function queues(): AgentQueues {
  if (!globalForQueues.switchyardQueues) {
    const env = agentsEnv();
    globalForQueues.switchyardQueues = createAgentQueues(
      createRedisConnection(env.REDIS_URL, { isWorker: false }),
      env.QUEUE_PREFIX,
    );
  }
  return globalForQueues.switchyardQueues;
}

export function db() {
  return prisma();
}

const globalForGuard = globalThis as unknown as { switchyardSignInGuard?: SignInGuard };

/** The sign-in limits, counted in the queues' Redis under the deployment's prefix. */
export function signInGuard(): SignInGuard {
  if (!globalForGuard.switchyardSignInGuard) {
    const env = dashboardEnv();
    globalForGuard.switchyardSignInGuard = new SignInGuard(
      createRedisConnection(agentsEnv().REDIS_URL, { isWorker: false }),
      agentsEnv().QUEUE_PREFIX,
      {
        failuresPerAccount: env.SIGN_IN_FAILURES_PER_ACCOUNT,
        failuresPerAddress: env.SIGN_IN_FAILURES_PER_ADDRESS,
        windowSeconds: env.SIGN_IN_LOCKOUT_MINUTES * 60,
      },
    );
  }
  return globalForGuard.switchyardSignInGuard;
}
