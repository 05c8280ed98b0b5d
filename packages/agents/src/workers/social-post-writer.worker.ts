import type { AgentJobDeps } from "../jobs/run-agent-job";
import { type AgentWorkerOptions, createAgentWorker } from "./create-agent-worker";

/** Social posts and emails: short, mostly first drafts on Haiku (the social queue). */
export function createSocialPostWriterWorker(deps: AgentJobDeps, options: AgentWorkerOptions) {
  return createAgentWorker("social", deps, options);
}
