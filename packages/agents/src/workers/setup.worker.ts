import type { AgentJobDeps } from "../jobs/run-agent-job";
import { type AgentWorkerOptions, createAgentWorker } from "./create-agent-worker";

/** Onboarding: a new tenant's context file, then its strategy (the setup queue). */
export function createSetupWorker(deps: AgentJobDeps, options: AgentWorkerOptions) {
  return createAgentWorker("setup", deps, options);
}
