import type { AgentJobDeps } from "../jobs/run-agent-job";
import { type AgentWorkerOptions, createAgentWorker } from "./create-agent-worker";

/** Long-form blog posts (the blog queue). */
export function createBlogWriterWorker(deps: AgentJobDeps, options: AgentWorkerOptions) {
  return createAgentWorker("blog", deps, options);
}
